import type { Critic, Policy, PluginHost, ProgressReporter, Rng, SequentialSimulator } from '@infobed/core';
import { freshCriticBound, type HeldOutBound } from '@infobed/evaluate';
import type { AdaptiveConfig } from './AdaptiveConfigSchema.js';
import { asConfigError } from './buildAdaptive.js';
import { rolloutPairs } from './freshCriticEvaluation.js';
import { dumpWeights, writePolicyFile } from './policyFile.js';
import type { PosteriorCriticConfig } from './PosteriorCriticConfigSchema.js';
import { scaledCritic, type CriticScaling } from './scaledCritic.js';

/** A trained posterior critic (`trainPosteriorCritic`). */
export interface PosteriorCriticFit {
  /** Raw θ `[n, p]` and history rows `[n, T·(d + q)]` in, contrast `theta` (rows = histories). Disposing it disposes `inner`. */
  readonly critic: Critic;
  /** The network on standardised inputs (its variables are saved). */
  readonly inner: Critic;
  readonly scaling: CriticScaling;
  readonly seed: number;
  /** Summary for `result.json` / `evaluate.json`. */
  readonly summary: PosteriorCriticSummary;
}

/** How the posterior critic was trained and what it reads on held-out rollouts. */
export interface PosteriorCriticSummary {
  readonly file: string;
  readonly critic: { readonly id: string; readonly options: Record<string, unknown> };
  readonly objective: string;
  readonly contrast: 'theta';
  readonly rollouts: number;
  readonly steps: number;
  readonly batch: number;
  /** Held-out InfoNCE contrasting each history's θ with K other θ (a lower bound on the MI). */
  readonly heldOutInfonce: HeldOutBound;
  readonly negatives: number;
  /** The objective's bound on the last training minibatch. */
  readonly trainBound: number;
  readonly seconds: number;
}

/** Where a run keeps its posterior critic (relative to the run folder). */
export const POSTERIOR_CRITIC_FILE = 'policy/posterior-critic.json';

/**
 * Trains a critic dedicated to the posterior of θ (issue 11): `s.rollouts` fresh rollouts of the
 * frozen `policy` on `seq` (`rolloutPairs`), swapped so that rows are histories and columns θ
 * (contrast over θ: the InfoNCE optimum is log p(θ | h)/p(θ) + c(h)), and the fresh-critic trainer
 * (`freshCriticBound`: standardised inputs, Adam on `[batch, batch]` score matrices, bound read on
 * the held-out share with `negatives` θ per history). The returned critic applies the same
 * standardisation to raw inputs, so `historyPosterior(fit.critic, …, 'theta')` reads it directly.
 */
export function trainPosteriorCritic(host: PluginHost, policy: Policy, seq: SequentialSimulator, s: PosteriorCriticConfig, where: string, rng: Rng, progress?: ProgressReporter): PosteriorCriticFit {
  const objective = asConfigError(where, 'evaluate.posteriorCritic.objective', () => host.objective(s.objective).create({}));
  const factory = asConfigError(where, 'evaluate.posteriorCritic.critic', () => host.critic(s.critic.id));
  progress?.log(`posterior critic (${s.objective}, contrast θ): ${s.rollouts} rollouts of the frozen ${policy.id}, ${s.steps} steps, batch ${s.batch}`);
  const pairs = rolloutPairs(policy, seq, s.rollouts, rng.fork('posterior-rollouts'));
  const data = { n: pairs.n, xDim: pairs.yDim, yDim: pairs.xDim, x: pairs.y, y: pairs.x };
  const seed = rng.fork('posterior-critic-seed').int(2 ** 30);
  const inner = asConfigError(where, 'evaluate.posteriorCritic.critic', () => factory.create({ xDim: data.xDim, yDim: data.yDim, options: s.critic.options, seed }));
  try {
    const r = freshCriticBound(inner, objective, data, s, rng.fork('posterior-critic'));
    const scaling: CriticScaling = { thetaMean: r.scaling.yMean, thetaSd: r.scaling.ySd, historyMean: r.scaling.xMean, historySd: r.scaling.xSd };
    progress?.log(`posterior critic: held-out InfoNCE over θ ${r.infonce.mean.toFixed(3)} ± ${r.infonce.stderr.toFixed(3)} (K = ${r.negatives}), ${r.seconds.toFixed(1)} s`);
    return {
      critic: scaledCritic(inner, scaling, 'theta'),
      inner,
      scaling,
      seed,
      summary: {
        file: POSTERIOR_CRITIC_FILE,
        critic: s.critic,
        objective: s.objective,
        contrast: 'theta',
        rollouts: s.rollouts,
        steps: s.steps,
        batch: s.batch,
        heldOutInfonce: r.infonce,
        negatives: r.negatives,
        trainBound: r.trainBound,
        seconds: Math.round(r.seconds * 10) / 10,
      },
    };
  } catch (e) {
    inner.dispose();
    throw e;
  }
}

/** Saves `fit` as `<runDir>/policy/posterior-critic.json` (the policy-file format, role `critic`, contrast `theta`, its objective and input scaling). */
export function writePosteriorCritic(file: string, fit: PosteriorCriticFit, c: AdaptiveConfig, seq: SequentialSimulator): void {
  const s = c.evaluate.posteriorCritic;
  writePolicyFile(file, {
    format: 'infobed-policy',
    version: 1,
    role: 'critic',
    id: s.critic.id,
    options: s.critic.options,
    seed: fit.seed,
    simulator: { id: c.simulator.id, options: { ...c.simulator.options, ...s.simulatorOptions } },
    T: seq.T,
    designDim: seq.step.designDim,
    obsDim: seq.step.obsDim,
    steps: s.steps,
    weights: dumpWeights(fit.inner.variables),
    inputScaling: fit.scaling,
    contrast: 'theta',
    objective: s.objective,
  });
}
