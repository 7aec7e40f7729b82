import * as tf from '@tensorflow/tfjs';
import { assertSquare, diagPart, type MiObjective, type ObjectiveOutput, type ScoreBatch } from '@infobed/core';

/**
 * InfoNCE (van den Oord et al. 2018; specs/estimators.md §3.1), type 1:
 * `L = −mean_i[S_ii − LSE_j S_ij] − log B`, `mi = −L ≤ log B` (log B taken in float64).
 * The critic is identified only up to an additive function of the row variable.
 */
export class InfoNceObjective implements MiObjective {
  static readonly id = 'infonce';
  readonly id = InfoNceObjective.id;
  readonly type = 1 as const;

  evaluate({ scores }: ScoreBatch): ObjectiveOutput {
    const b = assertSquare(this.id, scores);
    return tf.tidy(() => {
      const bound = tf.add(tf.mean(tf.sub(diagPart(scores), tf.logSumExp(scores, 1))), Math.log(b)) as tf.Scalar;
      return { loss: tf.neg(bound) as tf.Scalar, mi: bound };
    });
  }
}
