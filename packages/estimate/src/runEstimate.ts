import * as tf from '@tensorflow/tfjs';
import { criticPairingWarning, writeFileAtomic, type PluginHost, type ProgressReporter, type Rng } from '@infobed/core';
import { estimateRowsToCsv, type EstimateRow } from './EstimateRow.js';
import { parseEstimateSettings, type EstimateSettingsInput } from './EstimateSettings.js';
import { trainRun, type RunResult, type TracePoint } from './trainRun.js';

const mean = (a: readonly number[]): number => a.reduce((s, v) => s + v, 0) / a.length;
const sd = (a: readonly number[]): number => {
  if (a.length < 2) return 0;
  const m = mean(a);
  return Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / (a.length - 1));
};

/** One run's training curve, labelled. */
export interface EstimateTrace {
  readonly objective: string;
  readonly critic: string;
  readonly run: number;
  readonly points: readonly TracePoint[];
  readonly seconds: number;
}

/** Rows (one per objective × truth level) and every run's training curve. */
export interface EstimateReport {
  readonly rows: EstimateRow[];
  readonly traces: EstimateTrace[];
}

/** `runEstimateReport(…).rows`. */
export function runEstimate(host: PluginHost, settingsInput: EstimateSettingsInput, rng: Rng, progress: ProgressReporter): EstimateRow[] {
  return runEstimateReport(host, settingsInput, rng, progress).rows;
}

/**
 * Benchmarks MI objectives on correlated Gaussian pairs with known MI (specs/estimators.md §6–7).
 * For each objective and run: a fresh critic (the objective's own `critic`, else `settings.critic`) trained with Adam through the
 * stepwise truth schedule `settings.mi`, fresh samples every step. Returns one row per objective
 * and truth level, and writes them as CSV when `settings.csv` is set. Run r of every objective
 * uses the stream `rng.fork('run<r>')`, so objectives see the same data and initial weights.
 * @throws BedError('invalidConfig') for bad settings, ('unknownPlugin') for an unknown id.
 */
export function runEstimateReport(host: PluginHost, settingsInput: EstimateSettingsInput, rng: Rng, progress: ProgressReporter): EstimateReport {
  const s = parseEstimateSettings(settingsInput);
  const factories = s.objectives.map((o) => {
    const critic = o.critic ?? s.critic;
    return { factory: host.objective(o.id), options: o.options, criticFactory: host.critic(critic.id), criticOptions: critic.options };
  });
  const rows: EstimateRow[] = [];
  const traces: EstimateTrace[] = [];
  for (const { factory, options, criticFactory, criticOptions } of factories) {
    const warning = criticPairingWarning(factory, criticFactory);
    if (warning) progress.log(warning);
    const results: RunResult[] = [];
    for (let r = 0; r < s.runs; r++) {
      const task = progress.start(`estimate ${factory.id} run ${r + 1}/${s.runs}`, s.mi.length * s.stepsPerStage);
      try {
        results.push(trainRun(factory, options, criticFactory, criticOptions, s, rng.fork(`run${r}`), task));
      } finally {
        task.stop();
      }
    }
    results.forEach((x, run) => traces.push({ objective: factory.id, critic: criticFactory.id, run, points: x.trace, seconds: x.seconds }));
    const steps = results.reduce((a, x) => a + x.steps, 0);
    const seconds = results.reduce((a, x) => a + x.seconds, 0);
    const error = results.find((x) => x.error)?.error;
    s.mi.forEach((trueMi, k) => {
      const complete = results.every((x) => (x.values[k]?.length ?? 0) === s.average);
      const vals = complete ? results.flatMap((x) => x.values[k]!) : [];
      const bnds = complete ? results.flatMap((x) => x.bounds[k]!) : [];
      const estimate = complete ? mean(vals) : Number.NaN;
      rows.push({
        objective: factory.id,
        critic: criticFactory.id,
        dim: s.dim,
        transform: s.transform,
        trueMi,
        estimate,
        bias: estimate - trueMi,
        std: complete ? sd(vals) : Number.NaN,
        bound: complete ? mean(bnds) : Number.NaN,
        runs: s.runs,
        stepsPerSecond: seconds > 0 ? steps / seconds : 0,
        backend: tf.getBackend(),
        ...(!complete && error ? { error } : {}),
        options,
      });
    });
    progress.log(`estimate ${factory.id}: ${rows.slice(-s.mi.length).map((r) => `${r.trueMi}→${r.estimate.toFixed(2)}`).join(', ')}`);
  }
  if (s.csv !== undefined) writeFileAtomic(s.csv, estimateRowsToCsv(rows));
  return { rows, traces };
}
