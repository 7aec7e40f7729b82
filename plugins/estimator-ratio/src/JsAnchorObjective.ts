import * as tf from '@tensorflow/tfjs';
import { assertSquare, diagPart, offDiagOnes, type MiObjective, type ObjectiveOutput, type ScoreBatch } from '@infobed/core';

/**
 * JS plug-in (`js-anchor`; specs/estimators.md §3.13), type 3: logistic regression of joint vs
 * product pairs (InfoNCE-anchor with K = 1, ν = 1):
 * `L = ½[mean_i sp(−S_ii) + mean_{i≠j} sp(S_ij)]`, `mi = mean_i S_ii`. Optimum `S* = PMI` exactly,
 * so no 1/e offset (unlike Poole's `js` report).
 */
export class JsAnchorObjective implements MiObjective {
  static readonly id = 'js-anchor';
  readonly id = JsAnchorObjective.id;
  readonly type = 3 as const;

  evaluate({ scores }: ScoreBatch): ObjectiveOutput {
    const b = assertSquare(this.id, scores);
    return tf.tidy(() => {
      const d = diagPart(scores);
      const neg = tf.div(tf.sum(tf.mul(tf.softplus(scores), offDiagOnes(b))), b * (b - 1)); // softplus is finite: masking by 0 is safe
      const loss = tf.mul(0.5, tf.add(tf.mean(tf.softplus(tf.neg(d))), neg)) as tf.Scalar;
      return { loss, mi: tf.mean(d) as tf.Scalar };
    });
  }
}
