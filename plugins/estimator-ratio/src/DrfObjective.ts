import * as tf from '@tensorflow/tfjs';
import {
  assertFiniteLoss,
  assertSquare,
  diagNegInfMask,
  diagPart,
  type MiObjective,
  type ObjectiveOutput,
  type ScoreBatch,
} from '@infobed/core';

/**
 * D-RF with the χ² / least-squares Bregman generator (`drf`; specs/estimators.md §3.13), type 3,
 * ratio `r = e^S`: `L = ½ mean_{i≠j} e^{2S_ij} − mean_i e^{S_ii}`, `mi = mean_i S_ii`.
 *
 * Float32 guard: the diagonal never enters `e^{2S}`, and the off-diagonal term is one masked LSE
 * exponentiated once, so loss and gradient are finite exactly when the loss is (golden `B4_large`,
 * diagonal up to 53, off-diagonal up to 37, stays finite). When an off-diagonal score exceeds
 * ≈ 44 + ½·log(B(B−1)) the loss overflows and `evaluate` raises `BedError('numerical')`
 * (tensors disposed) instead of training on ∞/NaN.
 */
export class DrfObjective implements MiObjective {
  static readonly id = 'drf';
  readonly id = DrfObjective.id;
  readonly type = 3 as const;

  evaluate({ scores }: ScoreBatch): ObjectiveOutput {
    const b = assertSquare(this.id, scores);
    const out = tf.tidy(() => {
      const d = diagPart(scores);
      const lse2 = tf.sub(tf.logSumExp(tf.add(tf.mul(scores, 2), diagNegInfMask(b))), Math.log(b * (b - 1)));
      const loss = tf.sub(tf.mul(0.5, tf.exp(lse2)), tf.mean(tf.exp(d))) as tf.Scalar;
      return { loss, mi: tf.mean(d) as tf.Scalar };
    });
    assertFiniteLoss(this.id, out, 'e^{2S} overflows float32 for scores above ~44; bound the critic\'s scores (e.g. the "bilinear" critic) or use js-anchor');
    return out;
  }
}
