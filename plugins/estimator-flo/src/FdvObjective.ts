import * as tf from '@tensorflow/tfjs';
import {
  assertSquare,
  diagNegInfMask,
  diagPart,
  stopGradient,
  type MiObjective,
  type ObjectiveOutput,
  type ScoreBatch,
} from '@infobed/core';
import type { FdvOptions } from './fdvOptions.js';

/**
 * FDV (FLO repository `BilinearFDVNCE`; specs/estimators.md §3.10), type 2:
 *
 * `CE_i = LSE_j S_ij − S_ii`, `s_i = LSE_{j≠i}(S_ij − S_ii)`,
 * `o_i = sg(CE_i) − log B + exp(s_i − sg(s_i)) − 1`, `L = mean_i clamp(o_i, lo, hi)`.
 *
 * Value = −InfoNCE (so `mi` ≤ log B); gradient = `∇ s_i` (softmax over the negatives only), i.e.
 * FLO's gradient at the batch-optimal u. Rows clamped at the ceiling get zero gradient.
 */
export class FdvObjective implements MiObjective {
  static readonly id = 'fdv';
  readonly id = FdvObjective.id;
  readonly type = 2 as const;

  constructor(readonly options: FdvOptions) {}

  evaluate({ scores }: ScoreBatch): ObjectiveOutput {
    const b = assertSquare(this.id, scores);
    const [lo, hi] = this.options.clamp;
    return tf.tidy(() => {
      const d = diagPart(scores);
      const ce = tf.sub(tf.logSumExp(scores, 1), d);
      const s = tf.sub(tf.logSumExp(tf.add(scores, diagNegInfMask(b)), 1), d);
      const o = tf.add(tf.sub(stopGradient(ce), Math.log(b)), tf.sub(tf.exp(tf.sub(s, stopGradient(s))), 1));
      const loss = tf.mean(tf.clipByValue(o, lo, hi)) as tf.Scalar;
      return { loss, mi: tf.neg(loss) as tf.Scalar };
    });
  }
}
