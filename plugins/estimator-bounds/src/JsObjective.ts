import * as tf from '@tensorflow/tfjs';
import { assertSquare, stopGradient, type MiObjective, type ObjectiveOutput, type ScoreBatch } from '@infobed/core';
import * as z from 'zod';
import { jsFgan, nwjBound, valueWithGradOf } from './scoreOps.js';

export const JsOptionsSchema = z
  .object({
    /**
     * `nwj+1`: report NWJ(S+1), consistent with the JS optimum S* = PMI. `nwj`: report NWJ(S)
     * as Poole's reference code does (low by 1/e ≈ 0.368 nats at the optimum).
     */
    report: z.enum(['nwj+1', 'nwj']).default('nwj+1'),
  })
  .strict();
export type JsOptions = z.infer<typeof JsOptionsSchema>;

/**
 * Poole's `js_lower_bound` (specs/estimators.md §3.6), type 2: trains the f-GAN JS bound
 * `JSfgan(S) = −mean_i sp(−S_ii) − mean_{i≠j} sp(S_ij)` and reports an NWJ bound
 * (`js + sg(nwj − js)`); same gradient for both `report` settings.
 */
export class JsObjective implements MiObjective {
  static readonly id = 'js';
  readonly id = JsObjective.id;
  readonly type = 2 as const;

  constructor(readonly options: JsOptions) {}

  evaluate({ scores }: ScoreBatch): ObjectiveOutput {
    assertSquare(this.id, scores);
    return tf.tidy(() => {
      const value = nwjBound(this.options.report === 'nwj+1' ? (tf.add(scores, 1) as tf.Tensor2D) : scores);
      const bound = valueWithGradOf(value, jsFgan(scores), stopGradient);
      return { loss: tf.neg(bound) as tf.Scalar, mi: stopGradient(value) };
    });
  }
}
