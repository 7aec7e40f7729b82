import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng, type Critic, type Policy, type PluginHost, type ProgressReporter, type SequentialSimulator } from '@infobed/core';
import { credibleIntervals, type ParameterSummary } from '@infobed/posterior';
import { abcPosterior } from './abcPosterior.js';
import type { AdaptiveConfig } from './AdaptiveConfigSchema.js';
import { buildSequential } from './buildAdaptive.js';
import { historyPosterior } from './historyPosterior.js';
import { posteriorCalibration, type PosteriorCalibration, type TrueRollout } from './posteriorCalibration.js';
import { POSTERIOR_CRITIC_FILE, trainPosteriorCritic, writePosteriorCritic, type PosteriorCriticSummary } from './posteriorCritic.js';
import { writePosteriorPlot } from './posteriorPlot.js';
import { generateRollouts } from './RolloutSet.js';
import { loadPolicyCritic } from './runCritic.js';

/** `posterior` in `result.json` / `evaluate.json`. */
export interface PosteriorCheckSummary {
  /** How the posterior critic was trained (this command), or the file it was loaded from (trained by `policy train`). */
  readonly critic: PosteriorCriticSummary | { readonly file: string; readonly loaded: true };
  /** Simulation-based calibration over held-out rollouts (`evaluate.posteriorCritic.calibration`). */
  readonly calibration?: PosteriorCalibration;
  /** The first rollout of `rollouts.jsonl`: its true θ, the critic posterior (as `policy infer` gives it) and the ABC reference. */
  readonly rollout?: {
    readonly trueTheta: number[];
    readonly priorSamples: number;
    readonly ess: number;
    readonly critic: ParameterSummary[];
    readonly abc?: { readonly draws: number; readonly keep: number; readonly threshold: number; readonly parameters: ParameterSummary[] };
  };
}

export interface PosteriorCheckOptions {
  readonly host: PluginHost;
  readonly config: AdaptiveConfig;
  /** The run folder (the critic is saved to / loaded from `policy/posterior-critic.json` here). */
  readonly runDir: string;
  /** Where `posterior.png` goes; `rollouts.jsonl` is read from here. */
  readonly outDir: string;
  readonly policy: Policy;
  readonly where: string;
  /** Train a new posterior critic even when the run has one (`policy train`). */
  readonly train: boolean;
  readonly plots: boolean;
  readonly progress?: ProgressReporter;
}

const summarise = (draws: number[][], names: readonly string[], level: number): ParameterSummary[] => {
  const n = draws.length;
  const mean = names.map((_, a) => draws.reduce((s, r) => s + r[a]!, 0) / n);
  const cov = names.map((_, a) => names.map((__, b) => draws.reduce((s, r) => s + (r[a]! - mean[a]!) * (r[b]! - mean[b]!), 0) / n));
  return credibleIntervals(draws, new Float64Array(n).fill(-Math.log(n)), names, mean, cov, level);
};

/**
 * The posterior after an experiment, checked (issue 11): trains (or loads) the run's posterior
 * critic (`trainPosteriorCritic` on `evaluate.posteriorCritic.simulatorOptions`' experiment),
 * calibrates it on held-out rollouts of the frozen policy (the fresh-critic evaluation's experiment,
 * `posteriorCalibration`), and for the first rollout of `rollouts.jsonl` gives the critic posterior
 * (prior draws from the posterior critic's experiment, seed 0: what `policy infer` prints) beside the
 * rejection-ABC reference, plotted against the true θ in `posterior.png`.
 */
export async function posteriorCheck(o: PosteriorCheckOptions, rng: Rng): Promise<{ summary: PosteriorCheckSummary; files: string[] }> {
  const c = o.config;
  const s = c.evaluate.posteriorCritic;
  const made: { dispose?(): void }[] = [];
  const seqOf = (extra: Record<string, unknown>): SequentialSimulator => {
    const seq = buildSequential(o.host, { id: c.simulator.id, options: { ...c.simulator.options, ...extra } }, o.where);
    made.push(seq);
    return seq;
  };
  let critic: Critic | undefined;
  try {
    // Its own experiment: its rollouts, the prior draws of every posterior below (as `policy infer` with it), and ABC's.
    const own = seqOf(s.simulatorOptions);
    const prior = own;
    let about: PosteriorCheckSummary['critic'];
    if (o.train || !existsSync(join(o.runDir, POSTERIOR_CRITIC_FILE))) {
      const fit = trainPosteriorCritic(o.host, o.policy, own, s, o.where, rng.fork('posterior-critic'), o.progress);
      critic = fit.critic;
      writePosteriorCritic(join(o.runDir, POSTERIOR_CRITIC_FILE), fit, c, prior);
      about = fit.summary;
    } else {
      critic = loadPolicyCritic(o.host, o.runDir, c, prior).critic;
      about = { file: POSTERIOR_CRITIC_FILE, loaded: true };
    }
    const names = prior.thetaNames;
    const files: string[] = 'heldOutInfonce' in about && o.outDir === o.runDir ? [POSTERIOR_CRITIC_FILE] : [];
    let calibration: PosteriorCalibration | undefined;
    if (s.calibration.rollouts > 0) {
      const held = seqOf(c.evaluate.freshCritic.simulatorOptions);
      const rollouts = generateRollouts(o.policy, held, s.calibration.rollouts, rng.fork('calibration-rollouts'));
      o.progress?.log(`posterior calibration: ${rollouts.length} held-out rollouts, ${s.calibration.priorSamples} prior draws each`);
      calibration = posteriorCalibration(critic, 'theta', prior, rollouts, s.calibration, rng.fork('calibration'));
    }
    let rollout: PosteriorCheckSummary['rollout'];
    const jsonl = join(o.outDir, 'rollouts.jsonl');
    if (existsSync(jsonl)) {
      const first = JSON.parse(readFileSync(jsonl, 'utf8').split('\n')[0]!) as TrueRollout;
      const m = s.plotPriorSamples;
      const post = historyPosterior(critic, prior, first, { priorSamples: m, resample: Math.min(m, 5000) }, new Rng(0), 'theta');
      const abc = s.abc.draws > 0 ? abcPosterior(own, first, s.abc, rng.fork('abc')) : undefined;
      rollout = {
        trueTheta: [...first.theta],
        priorSamples: m,
        ess: post.ess,
        critic: credibleIntervals(post.priorSamples, post.logWeights, names, post.mean, post.cov, 0.95),
        ...(abc ? { abc: { draws: abc.draws, keep: s.abc.keep, threshold: abc.threshold, parameters: summarise(abc.samples, names, 0.95) } } : {}),
      };
      if (o.plots) {
        const sources = { 'critic posterior': post.samples, ...(abc ? { [`ABC (${s.abc.keep} nearest of ${abc.draws})`]: abc.samples } : {}) };
        const chart = await writePosteriorPlot(o.outDir, names, sources, first.theta, `Posterior of rollout 1 (${prior.id}, T = ${prior.T}; posterior critic, ESS ${post.ess.toFixed(0)} of ${m})`);
        files.push(...[chart.spec, chart.svg, chart.png].map((f) => f.slice(o.outDir.length + 1)));
      }
    }
    return { summary: { critic: about, ...(calibration ? { calibration } : {}), ...(rollout ? { rollout } : {}) }, files };
  } finally {
    critic?.dispose();
    for (const m of made) m.dispose?.();
  }
}
