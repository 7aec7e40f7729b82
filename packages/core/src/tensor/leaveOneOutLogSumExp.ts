import * as tf from '@tensorflow/tfjs';
import { assertSquare } from './assertShapes.js';
import { stopGradient } from './stopGradient.js';

/**
 * Leave-one-out log-sum-exp over the rows of a square score matrix, in O(B²):
 *
 * `L_ik = log( e^{c} + Σ_{j≠k} e^{S_ij} )`, for every row i and every dropped column k
 * (`c = extraLog`; pass `-Infinity` for no extra term, then B ≥ 2).
 *
 * Computed as prefix/suffix sums (specs/estimators.md §4 rule 6) — a sum, never the ill-conditioned
 * difference `LSE_i + log1p(−e^{S_ik − LSE_i})`. With the per-row shift `m_i = max(max_j S_ij, c)`
 * and `E = e^{S − m}`, `Σ_{j≠k} E_ij = P_ik + Q_ik` (exclusive forward / reverse cumulative sums).
 * That sum contains the row's maximum (so it is ≥ 1) for every k except the argmax column; there it
 * could underflow when the maximum dominates, so `L_{i, argmax_i}` is computed instead as one masked
 * LSE of the row without its argmax. Value and gradient match the masked `[B, B, B]` LSE (O(B³)).
 *
 * @param s `[B, B]` scores (finite).
 * @param extraLog `c`: an extra log-term included in every set (e.g. the anchor's `log ν`).
 * @returns `[B, B]` with `L_ik`.
 */
export function leaveOneOutLogSumExp(s: tf.Tensor2D, extraLog = -Infinity): tf.Tensor2D {
  const b = assertSquare('leaveOneOutLogSumExp', s);
  return tf.tidy(() => {
    const hasExtra = extraLog > -Infinity;
    const rowMax = tf.max(s, 1, true); // [B, 1]
    const m = stopGradient(hasExtra ? tf.maximum(rowMax, extraLog) : rowMax); // [B, 1]
    const e = tf.exp(tf.sub(s, m));
    const others = tf.add(tf.cumsum(e, 1, true, false), tf.cumsum(e, 1, true, true)); // Σ_{j≠k}
    const withExtra = hasExtra ? tf.add(others, tf.exp(tf.sub(extraLog, m))) : others;
    // First argmax of each row (no gradient path): there the sum may underflow, use the masked form.
    const isMax = tf.cast(tf.oneHot(tf.argMax(s, 1), b), 'bool'); // [B, B]
    const safe = tf.where(isMax, tf.onesLike(withExtra), withExtra); // keeps log() finite where unused
    const general = tf.add(m, tf.log(safe));
    const withoutMax = tf.where(isMax, tf.fill([b, b], -Infinity), s);
    const rowsNoMax = hasExtra ? tf.concat([withoutMax, tf.fill([b, 1], extraLog)], 1) : withoutMax;
    const atMax = tf.logSumExp(rowsNoMax, 1, true); // [B, 1]
    return tf.where(isMax, tf.add(tf.zerosLike(general), atMax), general) as tf.Tensor2D;
  });
}
