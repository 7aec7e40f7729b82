import * as tf from '@tensorflow/tfjs';
import type { Critic, Policy, Rng, SequentialSimulator } from '@infobed/core';
import { columnMoments } from '@infobed/evaluate';
import { rolloutPairs } from './freshCriticEvaluation.js';
import type { CriticContrast } from './trainPolicy.js';

/**
 * Fixed per-coordinate affine maps applied to the critic's inputs: θ′ = (θ − thetaMean)/thetaSd `[p]`,
 * h′ = (h − historyMean)/historySd `[T·(d + q)]`. Invertible, so the MI and the density ratio are
 * unchanged; it only puts every input on a unit scale (PK: k_e ≈ 0.1 next to V ≈ 20). Saved with the
 * critic (`policy/critic.json` → `inputScaling`) so a posterior rebuilds exactly the trained scores.
 */
export interface CriticScaling {
  readonly thetaMean: number[];
  readonly thetaSd: number[];
  readonly historyMean: number[];
  readonly historySd: number[];
}

/**
 * Moments of θ₀ and of the history rows of `n` rollouts of `policy` as it is now (before training):
 * θ₀ from the prior, histories as `historyRows`. A constant coordinate (the first design) gets sd 1.
 */
export function measureCriticScaling(policy: Policy, seq: SequentialSimulator, n: number, rng: Rng): CriticScaling {
  const data = rolloutPairs(policy, seq, n, rng);
  const th = columnMoments(data.x, data.xDim, n);
  const h = columnMoments(data.y, data.yDim, n);
  return { thetaMean: th.mean, thetaSd: th.sd, historyMean: h.mean, historySd: h.sd };
}

/** `[n, k]` rows shifted and scaled column-wise. */
const affine = (a: tf.Tensor2D, mean: readonly number[], sd: readonly number[]): tf.Tensor2D =>
  tf.div(tf.sub(a, tf.tensor1d(mean as number[])), tf.tensor1d(sd as number[])) as tf.Tensor2D;

/**
 * `inner` scoring standardised inputs, raw units in (as the training loop and the posterior pass
 * them). `contrast: 'history'`: rows x = θ `[n, p]`, columns y = history `[n, T·(d + q)]`;
 * `'theta'`: the other way round. Shares `inner`'s variables; disposing it disposes `inner`.
 */
export function scaledCritic(inner: Critic, s: CriticScaling, contrast: CriticContrast = 'history'): Critic {
  const th = (a: tf.Tensor2D) => affine(a, s.thetaMean, s.thetaSd);
  const hi = (a: tf.Tensor2D) => affine(a, s.historyMean, s.historySd);
  const [fx, fy] = contrast === 'theta' ? [hi, th] : [th, hi];
  return {
    id: inner.id,
    get variables() {
      return inner.variables;
    },
    scores: (x, y) => inner.scores(fx(x), fy(y)),
    pairScores: (x, y) => tf.tidy(() => inner.pairScores(fx(x), fy(y))),
    dispose: () => inner.dispose(),
  };
}
