import * as tf from '@tensorflow/tfjs';

/** Strictly proper scoring rules on the (K+1)-class anchor posterior (specs/estimators.md §3.12). */
export type ScoringRule = 'log' | 'brier' | 'spherical';

/**
 * Per-candidate-set loss `λ_z(η)`, `η = softmax(l)` over the **last** axis, all in log space:
 * - `log`: `LSE(l) − l_z`;
 * - `brier`: `Σ_k η_k² − 2η_z = e^{LSE(2l) − 2·LSE(l)} − 2e^{l_z − LSE(l)}`;
 * - `spherical`: `−η_z/‖η‖₂ = −e^{l_z − ½·LSE(2l)}`.
 *
 * @param logits `[..., C]`; masked candidates are −∞ (at least one entry finite per set).
 * @param lz `[...]`: the label's logit, passed separately (finite), so no `−∞ · 0` is formed.
 * @returns `[...]`
 */
export function scoringRuleLoss(rule: ScoringRule, logits: tf.Tensor, lz: tf.Tensor): tf.Tensor {
  const ax = logits.rank - 1;
  return tf.tidy(() => {
    if (rule === 'log') return tf.sub(tf.logSumExp(logits, ax), lz);
    const lse2 = tf.logSumExp(tf.mul(logits, 2), ax);
    if (rule === 'spherical') return tf.neg(tf.exp(tf.sub(lz, tf.mul(lse2, 0.5))));
    const lse = tf.logSumExp(logits, ax);
    return tf.sub(tf.exp(tf.sub(lse2, tf.mul(lse, 2))), tf.mul(tf.exp(tf.sub(lz, lse)), 2));
  });
}
