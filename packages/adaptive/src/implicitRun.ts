import { join } from 'node:path';
import { writeFileAtomic, type Policy, type PluginHost, type ProgressReporter, type Rng, type SequentialSimulator } from '@infobed/core';
import type { AdaptiveConfig } from './AdaptiveConfigSchema.js';
import { buildSequential } from './buildAdaptive.js';
import { evaluateImplicit, type ImplicitEvaluation } from './evaluateImplicit.js';
import { writeBoundVsTPlot, writeCurvePlot } from './implicitPlots.js';
import { generateRollouts, rolloutsJsonl } from './RolloutSet.js';

/** Rollouts written to `rollouts*.jsonl` per policy for implicit simulators (the evaluation itself uses `evaluate.rollouts`). */
export const SAVED_ROLLOUTS = 1000;

/** The fresh-critic evaluation in `result.json` / `evaluate.json` (implicit simulators). */
export interface FreshCriticSummary {
  /** Fresh rollouts per policy (half train each new critic, half are held out). */
  readonly rollouts: number;
  readonly negatives: number;
  readonly critic: { readonly id: string; readonly options: Record<string, unknown> };
  readonly criticSteps: number;
  /** The policy first, then each baseline. */
  readonly results: ImplicitEvaluation[];
}

export interface ImplicitRunOptions {
  readonly host: PluginHost;
  readonly config: AdaptiveConfig;
  /** The run's (training) experiment; the evaluation uses it unless `evaluate.freshCritic.simulatorOptions` asks for another bank. */
  readonly seq: SequentialSimulator;
  readonly entries: readonly { name: string; policy: Policy }[];
  readonly outDir: string;
  readonly where: string;
  /** Bounds of every prefix t < T as well (and the bound-vs-t plot). */
  readonly byT: boolean;
  readonly plots: boolean;
  readonly rollouts?: number;
  readonly progress?: ProgressReporter;
}

/**
 * The evaluation of `policy train` / `policy evaluate` for implicit simulators: fresh-critic bounds
 * of every entry (`evaluateImplicit`) on the evaluation experiment, `rollouts.jsonl` (policy) and
 * `rollouts-<name>.jsonl` (baselines; SAVED_ROLLOUTS each, same θ₀ stream), and the plots
 * `curves.png` (the policy's times on each rollout's curve) and, with `byT`, `bound-vs-t.png`.
 * Returns the summary and the files written (relative to `outDir`).
 */
export async function evaluateImplicitRun(o: ImplicitRunOptions, rng: Rng): Promise<{ summary: FreshCriticSummary; files: string[] }> {
  const c = o.config;
  const fc = c.evaluate.freshCritic;
  const own = Object.keys(fc.simulatorOptions).length > 0;
  const seq = own ? buildSequential(o.host, { id: c.simulator.id, options: { ...c.simulator.options, ...fc.simulatorOptions } }, o.where) : o.seq;
  try {
    const rollouts = o.rollouts ?? c.evaluate.rollouts;
    const results = evaluateImplicit(o.entries, seq, { host: o.host, rollouts, settings: fc, byT: o.byT && fc.byT, where: o.where, ...(o.progress ? { progress: o.progress } : {}) }, rng.fork('fresh'));
    const files: string[] = [];
    const saved = o.entries.map(({ name, policy }, i) => {
      const rs = generateRollouts(policy, seq, Math.min(SAVED_ROLLOUTS, rollouts), rng.fork('evaluate-rollouts'));
      const file = i === 0 ? 'rollouts.jsonl' : `rollouts-${name}.jsonl`;
      writeFileAtomic(join(o.outDir, file), rolloutsJsonl(rs));
      files.push(file);
      return rs;
    });
    if (o.plots) {
      const title = `${seq.id} (T = ${seq.T})`;
      const yTitle = `observation y${'obsScale' in c.simulator.options ? ` (÷ ${String(c.simulator.options.obsScale)})` : ''}`;
      const pngs = [
        ...(await writeCurvePlot(o.outDir, seq, o.entries[0]!.name, saved[0]!, Math.max(1, c.evaluate.trajectories), title, yTitle)),
        ...(o.byT && fc.byT ? await writeBoundVsTPlot(o.outDir, results, title) : []),
      ];
      files.push(...pngs.map((p) => p.slice(o.outDir.length + 1)));
    }
    return { summary: { rollouts, negatives: fc.negatives, critic: fc.critic, criticSteps: fc.steps, results }, files };
  } finally {
    if (own) seq.dispose?.();
  }
}
