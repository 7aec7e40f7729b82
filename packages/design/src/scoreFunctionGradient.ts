import * as tf from '@tensorflow/tfjs';
import { BedError, diagPart, leaveOneOutLogSumExp, offDiagOnes, restoreVariables, saveVariables, type DesignSpace, type SavedTensor, type Simulator } from '@infobed/core';

/**
 * Per-sample rewards of the InfoNCE bound for the score-function design gradient. `[B, B]` → `[B]`:
 *
 * `r_k = S_kk − LSE_j S_kj + Σ_{i≠k} (LSE_{j≠k} S_ij − LSE_j S_ij)`
 *
 * = B·bound minus the part that does not involve y_k (row k's own term, plus what y_k adds to every
 * other row's denominator), up to a constant. With `scores[i][j] = T(θ_i, y_j)`, `B·bound − r_k` does
 * not depend on y_k, so `E[Σ_k r_k ∇ log p(y_k | θ_k, ξ)] = B ∇ E[bound]`: unbiased, and far less noisy
 * than multiplying every score by the whole batch's bound.
 */
export function infoNceSampleRewards(scores: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const lse = tf.logSumExp(scores, 1, true); // [B, 1]
    const dropped = tf.mul(tf.sub(leaveOneOutLogSumExp(scores), lse), offDiagOnes(scores.shape[0])); // [B, B], (i, k)
    return tf.add(tf.sub(diagPart(scores), tf.reshape(lse, [-1])), tf.sum(dropped, 0)) as tf.Tensor1D;
  });
}

const DECAY = 0.9;

/**
 * The design gradient of a simulator with `designGradient: 'score-function'` (discrete observations):
 * the observations are simulated at a constant design (no pathwise gradient) and the design gradient of
 * the InfoNCE bound of the current critic's scores is the likelihood-ratio estimate
 * `−(1/B) Σ_k (r_k − b) ∇_ξ log p(y_k | θ_k, ξ)` (a loss to minimise), r from `infoNceSampleRewards`,
 * b a bias-corrected moving average of past steps' mean reward (a baseline independent of this batch,
 * so the estimate stays unbiased). Needs the simulator's exact `logLikelihood`.
 */
export class ScoreFunctionGradient {
  private readonly baseline = tf.tidy(() => tf.variable(tf.scalar(0), false));

  constructor(private readonly sim: Simulator) {
    if (!sim.logLikelihood) {
      throw new BedError('pluginError', `simulator "${sim.id}": designGradient 'score-function' needs logLikelihood(y, theta, design), which it does not implement`);
    }
  }

  /**
   * The loss gradient w.r.t. `raw` `[dim]` at joint step `step` (1-based, counts the earlier joint steps).
   * @param theta `[B, p]`, y `[B, q]` simulated at `space.toDesign(raw)`, scores `[B, B]` of the critic on them.
   */
  gradient(theta: tf.Tensor2D, y: tf.Tensor2D, scores: tf.Tensor2D, raw: tf.Variable, space: DesignSpace, step: number): tf.Tensor {
    return tf.tidy(() => {
      const rewards = infoNceSampleRewards(scores);
      const b = step > 1 ? tf.div(this.baseline, 1 - DECAY ** (step - 1)) : tf.scalar(0);
      const weights = tf.sub(rewards, b); // constants: no path to raw
      const { grads } = tf.variableGrads(() => {
        const logLik = diagPart(this.sim.logLikelihood!(y, theta, space.toDesign(raw as tf.Variable<tf.Rank.R1>))); // [B]
        return tf.neg(tf.mean(tf.mul(weights, logLik))) as tf.Scalar;
      }, [raw]);
      this.baseline.assign(tf.add(tf.mul(this.baseline, DECAY), tf.mul(tf.mean(rewards), 1 - DECAY)) as tf.Scalar);
      return grads[raw.name]!;
    });
  }

  save(): Record<string, SavedTensor> {
    return saveVariables('scoreBaseline', [this.baseline]);
  }

  restore(tensors: Readonly<Record<string, SavedTensor>>): void {
    restoreVariables('scoreBaseline', [this.baseline], tensors);
  }

  dispose(): void {
    this.baseline.dispose();
  }
}
