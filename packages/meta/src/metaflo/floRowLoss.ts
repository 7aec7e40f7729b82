import * as tf from '@tensorflow/tfjs';
import { BedError } from '@infobed/core';

/** Constant masks for a `[N, T]` score matrix whose row r has its positive in column `owner[r]`. */
export interface PositiveMasks {
  /** `[N, T]` one-hot of the positive column. */
  readonly positive: tf.Tensor2D;
  /** `[N, T]` additive mask: −∞ at the positive, 0 elsewhere. */
  readonly negatives: tf.Tensor2D;
}

/**
 * Masks for `tasks` tasks with `perTask` rows each (row `t·perTask + i` belongs to task t).
 * Constants (specs/estimators.md §4): build once per shape and dispose with `tf.dispose`.
 */
export function positiveMasks(tasks: number, perTask: number): PositiveMasks {
  const n = tasks * perTask;
  const pos = new Float32Array(n * tasks);
  const neg = new Float32Array(n * tasks);
  for (let r = 0; r < n; r++) {
    const t = Math.floor(r / perTask);
    pos[r * tasks + t] = 1;
    neg[r * tasks + t] = -Infinity;
  }
  return { positive: tf.tensor2d(pos, [n, tasks]), negatives: tf.tensor2d(neg, [n, tasks]) };
}

/**
 * FLO loss on a rectangular score matrix (specs/meta-learning.md §2.3): `scores` `[N, T]`, each
 * row one positive column (`masks.positive`) and `T − 1` negatives; `u` `[N]` the u-head on the
 * positive pairs.
 *
 * `ℓ_r = u_r + exp(−u_r + LSE_{neg} S_r − S_r,pos − log(T−1)) − 1`, `loss = mean_r ℓ_r`,
 * `mi = −loss` (nats). For `N = T` with the identity as positives this is exactly
 * `FloObjective` (`@infobed/plugin-estimator-flo`, which requires square scores). No clamp: the
 * caller checks finiteness (`assertFiniteLoss`); the bilinear critic makes overflow impossible.
 */
export function floRowLoss(scores: tf.Tensor2D, u: tf.Tensor1D, masks: PositiveMasks): { loss: tf.Scalar; mi: tf.Scalar } {
  const [n, t] = scores.shape;
  if (t < 2 || masks.positive.shape[0] !== n || masks.positive.shape[1] !== t || u.shape[0] !== n) {
    throw new BedError(
      'shapeMismatch',
      `meta-flo: scores [${scores.shape.join(', ')}], u [${u.shape.join(', ')}] and masks [${masks.positive.shape.join(', ')}] disagree (need [N, T≥2], [N], [N, T])`,
    );
  }
  return tf.tidy(() => {
    const pos = tf.sum(tf.mul(scores, masks.positive), 1);
    const lseNeg = tf.logSumExp(tf.add(scores, masks.negatives), 1);
    const a = tf.sub(tf.sub(tf.sub(lseNeg, u), pos), Math.log(t - 1));
    const loss = tf.mean(tf.sub(tf.add(u, tf.exp(a)), 1)) as tf.Scalar;
    return { loss, mi: tf.neg(loss) as tf.Scalar };
  });
}

/** Throws `BedError('numerical')` when `value` is NaN or ±∞, naming `who`. */
export function assertFiniteLoss(who: string, value: number): number {
  if (!Number.isFinite(value)) throw new BedError('numerical', `${who}: loss is ${value}; lower the learning rates`);
  return value;
}
