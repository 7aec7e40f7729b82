import type { Critic, Policy, Rng, SequentialSimulator } from '@infobed/core';
import { StandardisedCritic } from '@infobed/design';
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

/**
 * `inner` scoring standardised inputs, raw units in (as the training loop and the posterior pass
 * them): design's `StandardisedCritic` with θ and history moments on the sides `contrast` puts them
 * (`history`: rows x = θ `[n, p]`, columns y = history `[n, T·(d + q)]`; `theta`: the other way
 * round). Shares `inner`'s variables; disposing it disposes `inner`.
 */
export function scaledCritic(inner: Critic, s: CriticScaling, contrast: CriticContrast = 'history'): Critic {
  const theta = { mean: s.thetaMean, sd: s.thetaSd };
  const history = { mean: s.historyMean, sd: s.historySd };
  const [x, y] = contrast === 'theta' ? [history, theta] : [theta, history];
  return new StandardisedCritic(inner, { xMean: x.mean, xSd: x.sd, yMean: y.mean, ySd: y.sd });
}
