import * as tf from '@tensorflow/tfjs';
import { BedError, type DesignChain } from '@infobed/core';

/**
 * iDAD's `ts` transform for sequential measurement times (specs/adaptive.md §3.3):
 * τ_t = τ_{t−1} + sigmoid(ξ_t)·(upper − τ_{t−1}), τ_0 = `start` (before the first measurement), so
 * times increase strictly and stay below `upper`. One time per step (`[n, 1]`).
 */
export function increasingTimes(start: number, upper: number): DesignChain {
  return {
    toDesign(raw, previous) {
      return tf.tidy(() => {
        const prev = previous ?? tf.fill(raw.shape, start);
        return tf.add(prev, tf.mul(tf.sigmoid(raw), tf.sub(upper, prev))) as tf.Tensor2D;
      });
    },
    toRaw(design, previous) {
      const prev = previous?.[0] ?? start;
      const p = Math.min(1 - 1e-6, Math.max(1e-6, (design[0]! - prev) / (upper - prev)));
      return [Math.log(p / (1 - p))];
    },
    validate(design, previous, field) {
      const prev = previous?.[0] ?? start;
      const tau = design[0]!;
      if (design.length !== 1 || !(tau > prev && tau < upper)) {
        throw new BedError('invalidArgument', `${field}: expected one time in (${prev}, ${upper}) (times increase: after ${previous ? 'the previous measurement' : 'the start'} at ${prev}), got ${JSON.stringify(design)}`);
      }
    },
  };
}
