import { join } from 'node:path';
import { Rng, writeFileAtomic, type PluginHost } from '@infobed/core';
import { credibleIntervals, type ParameterSummary, type PosteriorResult } from '@infobed/posterior';
import { historyPosterior, historyLikelihoodPosterior } from './historyPosterior.js';
import { loadRun } from './loadRun.js';
import type { History } from './policyNext.js';
import { writePosteriorPlot } from './posteriorPlot.js';
import { buildSequential } from './buildAdaptive.js';
import { POSTERIOR_CRITIC_FILE } from './posteriorCritic.js';
import { loadPolicyCritic, type PolicyCritic } from './runCritic.js';
import type { CriticContrast } from './trainPolicy.js';

/** One posterior's summary in `posterior.json`. */
export interface PosteriorSummary {
  readonly method: 'critic' | 'likelihood';
  readonly parameters: ParameterSummary[];
  readonly cov: number[][];
  /** Effective sample size of the importance weights, out of `priorSamples`. */
  readonly ess: number;
}

/** `posterior.json` of `infobed policy infer`. */
export interface PolicyInferResult {
  readonly run: string;
  readonly simulator: string;
  readonly T: number;
  /** The objective the history critic was trained with, its contrast, and whether its score is a posterior density ratio. */
  readonly critic: { readonly id: string; readonly objective: string; readonly contrast: CriticContrast; readonly densityRatio: boolean; readonly steps: number; readonly file: string };
  readonly history: History;
  /** The true θ when the history came with one (a `rollouts.jsonl` line). */
  readonly trueTheta?: number[];
  /** From the trained history critic. */
  readonly posterior: PosteriorSummary;
  /** Models with a likelihood: the same prior draws weighted by the exact likelihood (the reference). */
  readonly reference?: PosteriorSummary;
  readonly priorSamples: number;
  readonly seed: number;
  readonly files: string[];
}

export interface PolicyInferOptions {
  readonly host: PluginHost;
  readonly runDir: string;
  /** A finished experiment: T designs (simulator units) and T observations. */
  readonly history: History;
  readonly trueTheta?: readonly number[];
  readonly outDir: string;
  /** Prior draws M (default 20,000). */
  readonly priorSamples?: number;
  readonly level?: number;
  readonly seed?: number;
  readonly plots?: boolean;
  /** Use the policy's training critic even when the run has a posterior critic (`policy/posterior-critic.json`). */
  readonly trainingCritic?: boolean;
}

const summary = (method: PosteriorSummary['method'], post: PosteriorResult, names: string[], level: number): PosteriorSummary => ({
  method,
  parameters: credibleIntervals(post.priorSamples, post.logWeights, names, post.mean, post.cov, level),
  cov: post.cov,
  ess: post.ess,
});

/**
 * `infobed policy infer`: the posterior of θ after one finished experiment of a policy run
 * (`historyPosterior` over its posterior critic `policy/posterior-critic.json` when it has one, else
 * the training critic `policy/critic.json`), plus, when the model has a
 * likelihood, the exact-likelihood importance-sampling posterior on the same prior draws.
 * Writes `posterior-samples.csv` (critic posterior, resampled), the plot `posterior` and
 * `posterior.json` last. Logs a warning when the critic is not a posterior density ratio.
 */
export async function inferFromPolicyRun(o: PolicyInferOptions, log: (line: string) => void = () => undefined): Promise<PolicyInferResult> {
  const run = loadRun(o.host, o.runDir);
  let rc: PolicyCritic | undefined;
  const toDispose: { dispose?(): void }[] = [];
  try {
    rc = loadPolicyCritic(o.host, o.runDir, run.config, run.seq, o.trainingCritic === true);
    if (!rc.densityRatio) {
      log(`warning: the critic was trained with ${rc.objective} contrasting histories (train.contrast: history): its score is a density ratio only up to a function of θ, so the posterior may be distorted; train with train.contrast: theta`);
    }
    // The posterior critic's prior draws come from its own experiment (SIR: its bank), as in `policy evaluate`.
    const own = rc.file === POSTERIOR_CRITIC_FILE ? buildSequential(o.host, rc.simulator, join(o.runDir, rc.file)) : undefined;
    if (own) toDispose.push(own);
    const seq = own ?? run.seq;
    const names = [...seq.thetaNames];
    const m = o.priorSamples ?? 20_000;
    const seed = o.seed ?? 0;
    const level = o.level ?? 0.95;
    const opts = { priorSamples: m, resample: Math.min(m, 5000) };
    const post = historyPosterior(rc.critic, seq, o.history, opts, new Rng(seed), rc.contrast);
    const ref = seq.step.implicit ? undefined : historyLikelihoodPosterior(seq, o.history, opts, new Rng(seed));
    const files = ['posterior.json', 'posterior-samples.csv'];
    writeFileAtomic(join(o.outDir, 'posterior-samples.csv'), `${[names.join(','), ...post.samples.map((r) => r.join(','))].join('\n')}\n`);
    if (o.plots !== false) {
      const sources: Record<string, number[][]> = { 'critic posterior': post.samples, ...(ref ? { 'exact likelihood (IS)': ref.samples } : {}) };
      const c = await writePosteriorPlot(o.outDir, names, sources, o.trueTheta, `Posterior after T = ${seq.T} (${seq.id}; ${rc.file.endsWith('posterior-critic.json') ? 'posterior' : 'training'} critic (${rc.objective}), ESS ${post.ess.toFixed(0)} of ${m})`);
      files.push(...[c.spec, c.svg, c.png].map((f) => f.slice(o.outDir.length + 1)));
    }
    const { critic, simulator: _s, ...about } = rc;
    const result: PolicyInferResult = {
      run: o.runDir,
      simulator: seq.id,
      T: seq.T,
      priorSamples: m,
      seed,
      critic: { id: critic.id, ...about },
      history: o.history,
      ...(o.trueTheta ? { trueTheta: [...o.trueTheta] } : {}),
      posterior: summary('critic', post, names, level),
      ...(ref ? { reference: summary('likelihood', ref, names, level) } : {}),
      files,
    };
    writeFileAtomic(join(o.outDir, 'posterior.json'), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    rc?.critic.dispose();
    for (const d of toDispose) d.dispose?.();
    run.dispose();
  }
}
