import * as tf from '@tensorflow/tfjs';
import { assertSquare, type MiObjective, type ObjectiveOutput, type ScoreBatch } from '@infobed/core';
import { dvBound } from './scoreOps.js';

/**
 * Donsker–Varadhan (specs/estimators.md §3.4), type 1:
 * `mi = mean_i S_ii − log mean_{i≠j} e^{S_ij}`, `L = −mi`; invariant to `S + c`.
 * The log of a batch mean is Jensen-biased upwards at large MI.
 */
export class DvObjective implements MiObjective {
  static readonly id = 'dv';
  readonly id = DvObjective.id;
  readonly type = 1 as const;

  evaluate({ scores }: ScoreBatch): ObjectiveOutput {
    assertSquare(this.id, scores);
    return tf.tidy(() => {
      const bound = dvBound(scores);
      return { loss: tf.neg(bound) as tf.Scalar, mi: bound };
    });
  }
}
