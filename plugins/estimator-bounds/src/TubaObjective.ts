import * as tf from '@tensorflow/tfjs';
import { assertAux, assertSquare, diagPart, type MiObjective, type ObjectiveOutput, type ScoreBatch } from '@infobed/core';
import { offDiagLogMeanExp } from './scoreOps.js';

/**
 * TUBA (Poole et al. 2019; specs/estimators.md §3.3), type 1, aux `rowBaseline` `u_i = log a(x_i)`:
 * `mi = 1 + mean_i(S_ii − u_i) − mean_{i≠j} e^{S_ij − u_i}`, `L = −mi`. NWJ is TUBA with u ≡ 1.
 * The baseline is subtracted out of place (the reference code mutates the caller's scores).
 */
export class TubaObjective implements MiObjective {
  static readonly id = 'tuba';
  readonly id = TubaObjective.id;
  readonly type = 1 as const;
  readonly aux = 'rowBaseline' as const;

  evaluate({ scores, aux }: ScoreBatch): ObjectiveOutput {
    const b = assertSquare(this.id, scores);
    const u = assertAux(this.id, aux, b);
    return tf.tidy(() => {
      const su = tf.sub(scores, tf.reshape(u, [b, 1])) as tf.Tensor2D;
      const bound = tf.sub(tf.add(1, tf.mean(diagPart(su))), tf.exp(offDiagLogMeanExp(su))) as tf.Scalar;
      return { loss: tf.neg(bound) as tf.Scalar, mi: bound };
    });
  }
}
