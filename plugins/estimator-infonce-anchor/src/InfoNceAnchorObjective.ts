import * as tf from '@tensorflow/tfjs';
import {
  additiveMask,
  assertSquare,
  diagPart,
  leaveOneOutLogSumExp,
  offDiagOnes,
  type MiObjective,
  type ObjectiveOutput,
  type ScoreBatch,
} from '@infobed/core';
import type { AnchorOptions } from './anchorOptions.js';
import { scoringRuleLoss } from './scoringRuleLoss.js';

/**
 * InfoNCE-anchor (Ryu et al. 2025), K = B − 1 contrast samples, anchor weight ν, proper scoring
 * rule λ (`log` by default; `brier`, `spherical`: §3.12):
 *
 * `L = K/(K+ν) · mean_i joint_i + ν/(K+ν) · mean_i marg_i`, with candidate logits
 * - `paper` (Appendix B): `joint_i = λ_pos([log ν, S_i· with (i, i−1 mod B) → −∞])`;
 * - `exact-k`: `joint_i = mean_{k≠i} λ_pos([log ν, S_ij for j ≠ k])`;
 * - `marg_i = λ_anchor([log ν, S_ij for j ≠ i])`.
 * For the log rule: `joint_i = LSE(…) − S_ii`, `marg_i = LSE(…) − log ν`.
 *
 * For ν > 0 the minimiser is the exact log density ratio (no free constant), so the reported MI is
 * the plug-in `mean_i S_ii` (type 3). specs/estimators.md §3.11.
 */
export class InfoNceAnchorObjective implements MiObjective {
  static readonly id = 'infonce-anchor';
  readonly id = InfoNceAnchorObjective.id;
  readonly type = 3 as const;

  constructor(readonly options: AnchorOptions) {}

  evaluate({ scores }: ScoreBatch): ObjectiveOutput {
    const b = assertSquare(this.id, scores);
    const { nu, scoringRule: rule } = this.options;
    const k = b - 1;
    const logNu = Math.log(nu);
    return tf.tidy(() => {
      const nuCol = tf.fill([b, 1], logNu);
      const pos = diagPart(scores);
      const joint =
        this.options.construction === 'paper'
          ? scoringRuleLoss(rule, tf.concat([nuCol, tf.add(scores, additiveMask(b, (i, j) => j !== (i - 1 + b) % b))], 1), pos)
          : this.leaveOneOut(scores, pos, logNu);
      const margLogits = tf.concat([nuCol, tf.add(scores, additiveMask(b, (i, j) => i !== j))], 1);
      const marg = scoringRuleLoss(rule, margLogits, tf.fill([b], logNu));
      const loss = tf.add(tf.mul(k / (k + nu), tf.mean(joint)), tf.mul(nu / (k + nu), tf.mean(marg))) as tf.Scalar;
      return { loss, mi: tf.mean(pos) as tf.Scalar };
    });
  }

  /**
   * `[B]`: `mean_{k≠i} λ([log ν, S_ij for j ≠ k])` with label `S_ii`, in O(B²): the rules need only
   * the leave-one-out sums `L_ik = log(ν + Σ_{j≠k} e^{S_ij})` (and, for Brier / spherical, the same
   * of `2S` with `ν²`), which core's `leaveOneOutLogSumExp` forms by prefix/suffix sums — no
   * cancellation when one entry dominates. (The masked `[B, B, B+1]` form is O(B³): 16.8M entries
   * at B = 256.) `λ`: log `L − S_ii`; Brier `e^{L₂ − 2L} − 2e^{S_ii − L}`; spherical `−e^{S_ii − L₂/2}`.
   */
  private leaveOneOut(s: tf.Tensor2D, pos: tf.Tensor1D, logNu: number): tf.Tensor1D {
    const b = s.shape[0];
    const lz = tf.reshape(pos, [b, 1]);
    const l = leaveOneOutLogSumExp(s, logNu); // [i, k]
    const rule = this.options.scoringRule;
    let perK: tf.Tensor;
    if (rule === 'log') perK = tf.sub(l, lz);
    else {
      const l2 = leaveOneOutLogSumExp(tf.mul(s, 2) as tf.Tensor2D, 2 * logNu);
      perK =
        rule === 'spherical'
          ? tf.neg(tf.exp(tf.sub(lz, tf.mul(l2, 0.5))))
          : tf.sub(tf.exp(tf.sub(l2, tf.mul(l, 2))), tf.mul(tf.exp(tf.sub(lz, l)), 2));
    }
    return tf.div(tf.sum(tf.mul(perK, offDiagOnes(b)), 1), b - 1) as tf.Tensor1D;
  }
}
