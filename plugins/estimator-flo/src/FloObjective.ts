import * as tf from '@tensorflow/tfjs';
import {
  assertAux,
  assertFiniteLoss,
  assertSquare,
  diagNegInfMask,
  diagPart,
  type MiObjective,
  type ObjectiveOutput,
  type ScoreBatch,
} from '@infobed/core';

/**
 * FLO (Guo et al., NeurIPS 2022), batch form of the official `LossFLO` (specs/estimators.md §3.9):
 *
 * `ℓ_i = u_i + exp(a_i) − 1`, `a_i = −u_i + LSE_{j≠i} S_ij − S_ii − log(B−1)`,
 * `L = mean_i ℓ_i`, `mi = −L` (type 1, a lower bound for any u).
 *
 * `aux` `[B]` is the u-head on the **positive** pairs, `u_i = u(x_i, y_i)`. The exponent is built
 * first and exponentiated once. There is **no output clamp** (the official [−5, 15] clamp caps the
 * estimate at 5 nats); instead a non-finite loss raises `BedError('numerical')`. Overflow is
 * impossible by construction with the `bilinear` critic (`|S| ≤ β ≤ 20`, `|u| ≤ 40`, so `a_i ≤ 80`).
 */
export class FloObjective implements MiObjective {
  static readonly id = 'flo';
  readonly id = FloObjective.id;
  readonly type = 1 as const;
  readonly aux = 'positivePair' as const;

  evaluate({ scores, aux }: ScoreBatch): ObjectiveOutput {
    const b = assertSquare(this.id, scores);
    const u = assertAux(this.id, aux, b);
    const out = tf.tidy(() => {
      const lseNeg = tf.logSumExp(tf.add(scores, diagNegInfMask(b)), 1);
      const a = tf.sub(tf.sub(tf.sub(lseNeg, u), diagPart(scores)), Math.log(b - 1));
      const loss = tf.mean(tf.sub(tf.add(u, tf.exp(a)), 1)) as tf.Scalar;
      return { loss, mi: tf.neg(loss) as tf.Scalar };
    });
    assertFiniteLoss(this.id, out, 'float32 overflow: the score scale grew without bound; use the bounded "bilinear" critic or a smaller learning rate');
    return out;
  }
}
