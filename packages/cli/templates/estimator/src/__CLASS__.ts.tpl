import * as tf from '@tensorflow/tfjs';
import { assertSquare, diagPart, parsePluginOptions, z, type MiObjective, type ObjectiveOutput, type ScoreBatch } from '@infobed/core';

/** Options of `__ID__` (config: `objective: { id: __ID__, options: { tau: 0.5 } }`). */
export const __CLASS__Options = z
  .object({
    /** Temperature τ > 0: the critic's scores are divided by τ before the bound. */
    tau: z.number().positive().default(1),
  })
  .strict();

/**
 * `__ID__`: InfoNCE on tempered scores (van den Oord et al. 2018),
 * `I(X; Y) ≥ mean_i [S_ii/τ − logsumexp_j S_ij/τ] + log B`, a valid lower bound for every τ > 0
 * (S/τ is just another critic) that saturates at log B. Type 1: `mi` is the bound it trains.
 * Replace `evaluate` with your own objective; keep it pure (tf.tidy) and leak no tensors.
 */
export class __CLASS__ implements MiObjective {
  static readonly id = '__ID__';
  readonly id = __CLASS__.id;
  readonly type = 1 as const;
  readonly tau: number;

  /** `options`: the config's `objective.options` as given (validated here; defaults applied). */
  constructor(options: Readonly<Record<string, unknown>> = {}) {
    ({ tau: this.tau } = parsePluginOptions(__CLASS__Options, options, 'objective', __CLASS__.id));
  }

  /** `scores` `[B, B]` (rows = x, diagonal = joint pairs) → scalar `loss` (minimised) and `mi` (nats). */
  evaluate({ scores }: ScoreBatch): ObjectiveOutput {
    const b = assertSquare(this.id, scores);
    return tf.tidy(() => {
      const s = tf.div(scores, this.tau) as tf.Tensor2D;
      const bound = tf.add(tf.mean(tf.sub(diagPart(s), tf.logSumExp(s, 1))), Math.log(b)) as tf.Scalar;
      return { loss: tf.neg(bound) as tf.Scalar, mi: bound, bound: tf.clone(bound) };
    });
  }
}
