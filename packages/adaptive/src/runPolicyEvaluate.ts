import { join } from 'node:path';
import { Rng, silentProgress, writeFileAtomic, type PluginHost, type ProgressReporter } from '@infobed/core';
import { evaluatePolicies } from './evaluatePolicies.js';
import { loadRun } from './loadRun.js';
import type { EvaluationSummary } from './runPolicyTrain.js';

/** `evaluate.json` of `infobed policy evaluate`. */
export interface PolicyEvaluateResult {
  readonly run: string;
  readonly simulator: string;
  readonly T: number;
  readonly seed: number;
  readonly backend: string;
  readonly rollouts: number;
  readonly inner: number;
  readonly seconds: number;
  readonly results: EvaluationSummary[];
}

export interface RunPolicyEvaluateOptions {
  readonly host: PluginHost;
  readonly runDir: string;
  readonly backend: string;
  readonly rollouts?: number;
  readonly inner?: number;
  readonly seed?: number;
  readonly progress?: ProgressReporter;
  /** Where `evaluate.json` goes (default: the run folder). */
  readonly outDir?: string;
}

/**
 * Re-evaluates a trained run's policy and saved baselines with the common sPCE/sNMC evaluator
 * (the same streams as `policy train` for the same seed), and writes `evaluate.json` atomically.
 */
export function runPolicyEvaluate(o: RunPolicyEvaluateOptions): PolicyEvaluateResult {
  const run = loadRun(o.host, o.runDir, true);
  const t0 = performance.now();
  try {
    const c = run.config;
    const seed = o.seed ?? c.seed;
    const budget = { rollouts: o.rollouts ?? c.evaluate.rollouts, inner: o.inner ?? c.evaluate.inner, chunk: c.evaluate.chunk };
    const entries = [{ name: run.policy.id, policy: run.policy }, ...run.baselines];
    const evals = evaluatePolicies(entries, run.seq, { ...budget, progress: o.progress ?? silentProgress }, new Rng(seed).fork('evaluate'));
    const result: PolicyEvaluateResult = {
      run: o.runDir,
      simulator: run.seq.id,
      T: run.seq.T,
      seed,
      backend: o.backend,
      ...budget,
      seconds: Math.round((performance.now() - t0) / 100) / 10,
      results: evals.map(({ rollouts: _r, ...e }) => e),
    };
    writeFileAtomic(join(o.outDir ?? o.runDir, 'evaluate.json'), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    run.dispose();
  }
}
