import * as tf from '@tensorflow/tfjs';
import { assertSquare, diagPart, stopGradient, type MiObjective, type ObjectiveOutput, type ScoreBatch } from '@infobed/core';
import * as z from 'zod';
import { jsFgan, offDiagLogMeanExp, valueWithGradOf } from './scoreOps.js';

export const SmileOptionsSchema = z
  .object({
    /** Clip level τ of the partition term; `"inf"` = no clip (= DV value). */
    tau: z.union([z.number().positive(), z.literal('inf')]).default(5),
  })
  .strict();
export type SmileOptions = z.infer<typeof SmileOptionsSchema>;

/**
 * SMILE (Song & Ermon 2020; specs/estimators.md §3.7), type 2: gradient of −JSfgan(S); value
 * `mean_i S_ii − log mean_{i≠j} e^{clip(S_ij, −τ, τ)}` (diagonal unclipped). The clip is never
 * differentiated (the value sits under stop-gradient).
 */
export class SmileObjective implements MiObjective {
  static readonly id = 'smile';
  readonly id = SmileObjective.id;
  readonly type = 2 as const;

  constructor(readonly options: SmileOptions) {}

  evaluate({ scores }: ScoreBatch): ObjectiveOutput {
    assertSquare(this.id, scores);
    const { tau } = this.options;
    return tf.tidy(() => {
      const clipped = tau === 'inf' ? scores : (tf.clipByValue(scores, -tau, tau) as tf.Tensor2D);
      const value = tf.sub(tf.mean(diagPart(scores)), offDiagLogMeanExp(clipped)) as tf.Scalar;
      const bound = valueWithGradOf(value, jsFgan(scores), stopGradient);
      return { loss: tf.neg(bound) as tf.Scalar, mi: stopGradient(value) };
    });
  }
}
