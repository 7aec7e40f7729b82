import * as tf from '@tensorflow/tfjs';
import { additiveMask, assertSquare, diagPart, type MiObjective, type ObjectiveOutput, type ScoreBatch } from '@infobed/core';

/**
 * NWJ (Nguyen, Wainwright & Jordan 2010) as a third-party plugin:
 * `I ≥ mean_i S_ii − mean_{i≠j} e^{S_ij − 1}`; type 1 (reports its own bound). The off-diagonal
 * mean is `exp(LSE_{i≠j}(S_ij − 1) − log(B(B−1)))`, built in log space and exponentiated once.
 */
export class ExampleNwjObjective implements MiObjective {
  static readonly id = 'example-nwj';
  readonly id = ExampleNwjObjective.id;
  readonly type = 1 as const;

  evaluate({ scores }: ScoreBatch): ObjectiveOutput {
    const b = assertSquare(this.id, scores);
    return tf.tidy(() => {
      const off = tf.reshape(tf.add(tf.sub(scores, 1), additiveMask(b, (i, j) => i !== j)), [-1]);
      const negTerm = tf.exp(tf.sub(tf.logSumExp(off), Math.log(b * (b - 1))));
      const bound = tf.sub(tf.mean(diagPart(scores)), negTerm) as tf.Scalar;
      return { loss: tf.neg(bound) as tf.Scalar, mi: bound, bound: tf.clone(bound) };
    });
  }
}
