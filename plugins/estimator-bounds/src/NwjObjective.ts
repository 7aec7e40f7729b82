import * as tf from '@tensorflow/tfjs';
import { assertSquare, type MiObjective, type ObjectiveOutput, type ScoreBatch } from '@infobed/core';
import { nwjBound } from './scoreOps.js';

/**
 * NWJ / f-GAN KL / MINE-f (specs/estimators.md §3.2), type 1:
 * `mi = mean_i S_ii − mean_{i≠j} e^{S_ij − 1}`, `L = −mi`. Optimum `S* = 1 + PMI`.
 * The off-diagonal term is one masked LSE, exponentiated once (overflows float32 once S ≳ 88).
 * High variance at large MI.
 */
export class NwjObjective implements MiObjective {
  static readonly id = 'nwj';
  readonly id = NwjObjective.id;
  readonly type = 1 as const;

  evaluate({ scores }: ScoreBatch): ObjectiveOutput {
    assertSquare(this.id, scores);
    return tf.tidy(() => {
      const bound = nwjBound(scores);
      return { loss: tf.neg(bound) as tf.Scalar, mi: bound };
    });
  }
}
