import { join } from 'node:path';
import { Rng, silentProgress, writeFileAtomic, type PluginHost, type ProgressReporter } from '@infobed/core';
import { evaluatePolicies } from './evaluatePolicies.js';
import { evaluateImplicitRun, type FreshCriticSummary } from './implicitRun.js';
import { loadRun } from './loadRun.js';
import { posteriorCheck, type PosteriorCheckSummary } from './posteriorCheck.js';
import type { EvaluationSummary } from './runPolicyTrain.js';

/** `evaluate.json` of `infobed policy evaluate`. */
export interface PolicyEvaluateResult {
  readonly run: string;
  readonly simulator: string;
  readonly T: number;
  readonly seed: number;
  readonly backend: string;
  readonly rollouts: number;
  /** sPCE/sNMC inner samples L (models with a likelihood). */
  readonly inner?: number;
  readonly seconds: number;
  /** sPCE/sNMC of the policy and baselines (models with a likelihood). */
  readonly results?: EvaluationSummary[];
  /** Implicit models: fresh-critic bounds for t = 1 … T of the policy and baselines. */
  readonly freshCritic?: FreshCriticSummary;
  /** `evaluate.posteriorCritic.enabled`: calibration of the run's posterior critic (trained here when the run has none) and the posterior of rollout 1. */
  readonly posterior?: PosteriorCheckSummary;
  readonly files?: string[];
}

export interface RunPolicyEvaluateOptions {
  readonly host: PluginHost;
  readonly runDir: string;
  readonly backend: string;
  readonly rollouts?: number;
  readonly inner?: number;
  readonly seed?: number;
  readonly progress?: ProgressReporter;
  /** Where `evaluate.json` (and, for implicit models, rollouts and plots) go (default: the run folder). */
  readonly outDir?: string;
  /** Implicit models: skip the bounds of the prefixes t < T (one critic per t and policy). */
  readonly noByT?: boolean;
  /** The policy only, not the saved baselines. */
  readonly noBaselines?: boolean;
  readonly plots?: boolean;
}

/**
 * Re-evaluates a trained run's policy and saved baselines with the common sPCE/sNMC evaluator
 * (the same streams as `policy train` for the same seed), and writes `evaluate.json` atomically.
 * Implicit models (SIR): the fresh-critic evaluator instead, for every t = 1 … T (unless `noByT`),
 * with `rollouts*.jsonl`, `curves.png` and `bound-vs-t.png` (`evaluateImplicitRun`).
 */
export async function runPolicyEvaluate(o: RunPolicyEvaluateOptions): Promise<PolicyEvaluateResult> {
  const run = loadRun(o.host, o.runDir, o.noBaselines !== true);
  const t0 = performance.now();
  try {
    const c = run.config;
    const seed = o.seed ?? c.seed;
    const outDir = o.outDir ?? o.runDir;
    const where = join(o.runDir, 'config.resolved.yaml');
    const entries = [{ name: run.policy.id, policy: run.policy }, ...run.baselines];
    const head = { run: o.runDir, simulator: run.seq.id, T: run.seq.T, seed, backend: o.backend };
    const seconds = () => Math.round((performance.now() - t0) / 100) / 10;
    let result: PolicyEvaluateResult;
    if (run.seq.step.implicit) {
      const rollouts = o.rollouts ?? c.evaluate.rollouts;
      const r = await evaluateImplicitRun({ host: o.host, config: c, seq: run.seq, entries, outDir, where, byT: o.noByT !== true, plots: o.plots !== false, rollouts, progress: o.progress ?? silentProgress }, new Rng(seed).fork('evaluate'));
      const post = c.evaluate.posteriorCritic.enabled ? await posteriorCheck({ host: o.host, config: c, runDir: o.runDir, outDir, policy: run.policy, where, train: false, plots: o.plots !== false, ...(o.progress ? { progress: o.progress } : {}) }, new Rng(seed).fork('posterior')) : undefined;
      result = { ...head, rollouts, seconds: seconds(), freshCritic: r.summary, ...(post ? { posterior: post.summary } : {}), files: ['evaluate.json', ...r.files, ...(post?.files ?? [])] };
    } else {
      const budget = { rollouts: o.rollouts ?? c.evaluate.rollouts, inner: o.inner ?? c.evaluate.inner, chunk: c.evaluate.chunk };
      const evals = evaluatePolicies(entries, run.seq, { ...budget, progress: o.progress ?? silentProgress }, new Rng(seed).fork('evaluate'));
      result = { ...head, ...budget, seconds: seconds(), results: evals.map(({ rollouts: _r, ...e }) => e) };
    }
    writeFileAtomic(join(outDir, 'evaluate.json'), `${JSON.stringify(result, null, 2)}
`);
    return result;
  } finally {
    run.dispose();
  }
}
