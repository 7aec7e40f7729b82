import * as tf from '@tensorflow/tfjs';
import {
  assertAux,
  assertSquare,
  leaveOneOutLogSumExp,
  diagPart,
  type MiObjective,
  type ObjectiveOutput,
  type ScoreBatch,
} from '@infobed/core';
import * as z from 'zod';
import { offDiagLogMeanExp, offDiagMean } from './scoreOps.js';

export const AlphaInfoNceOptionsSchema = z
  .object({
    /** Interpolation weight α ∈ (0, 1): α → 0 is TUBA, α → 1 InfoNCE-like. */
    alpha: z.number().gt(0).lt(1).default(0.5),
  })
  .strict();
export type AlphaInfoNceOptions = z.infer<typeof AlphaInfoNceOptionsSchema>;

/**
 * α-InfoNCE, Poole et al.'s interpolated bound I_α (specs/estimators.md §3.8), type 1, aux
 * `rowBaseline` `u_i`:
 * `L_ik = log((1/(B−1)) Σ_{j≠k} e^{S_ij})` (leave-one-out, O(B²) prefix/suffix sums: no
 * cancellation), `A_ik = logaddexp(log α + L_ik, log(1−α) + u_i)`,
 * `mi = 1 + mean_{i≠k}(S_ii − A_ik) − mean_{i≠j} e^{S_ij − A_ii}`, `L = −mi`.
 * Capped at `1 + log B − log α`.
 */
export class AlphaInfoNceObjective implements MiObjective {
  static readonly id = 'alpha-infonce';
  readonly id = AlphaInfoNceObjective.id;
  readonly type = 1 as const;
  readonly aux = 'rowBaseline' as const;

  constructor(readonly options: AlphaInfoNceOptions) {}

  evaluate({ scores, aux }: ScoreBatch): ObjectiveOutput {
    const b = assertSquare(this.id, scores);
    const u = assertAux(this.id, aux, b);
    const { alpha } = this.options;
    return tf.tidy(() => {
      const loo = tf.sub(leaveOneOutLogSumExp(scores), Math.log(b - 1)); // [i, k]
      const base = tf.add(tf.zerosLike(loo), tf.reshape(tf.add(u, Math.log1p(-alpha)), [b, 1]));
      const a = tf.logSumExp(tf.stack([tf.add(loo, Math.log(alpha)), base], 2), 2) as tf.Tensor2D; // [i, k]
      const joint = offDiagMean(tf.sub(tf.reshape(diagPart(scores), [b, 1]), a) as tf.Tensor2D);
      const marg = tf.exp(offDiagLogMeanExp(tf.sub(scores, tf.reshape(diagPart(a), [b, 1])) as tf.Tensor2D));
      const bound = tf.sub(tf.add(1, joint), marg) as tf.Scalar;
      return { loss: tf.neg(bound) as tf.Scalar, mi: bound };
    });
  }
}
