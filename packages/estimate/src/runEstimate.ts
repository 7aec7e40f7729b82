import * as tf from '@tensorflow/tfjs';
import { criticFor, criticPairingWarning, writeFileAtomic, type Checkpoint, type Checkpointer, type MiTask, type PluginHost, type ProgressReporter, type Rng } from '@infobed/core';
import { GaussianTask } from '@infobed/plugin-tasks';
import { estimateRowsToCsv, type EstimateRow } from './EstimateRow.js';
import { parseEstimateSettings, settingsFor, type EstimateSettings, type EstimateSettingsInput } from './EstimateSettings.js';
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
  /** Task label of the run's first stage (stepwise schedule: `gaussian-d<d>-mi<first level>`). */
  readonly task: string;
  readonly run: number;
  readonly points: readonly TracePoint[];
  readonly seconds: number;
}

/** Rows (one per objective × task or truth level) and every run's training curve. */
export interface EstimateReport {
  readonly rows: EstimateRow[];
  readonly traces: EstimateTrace[];
}

/** `runEstimateReport(…).rows`. */
export async function runEstimate(host: PluginHost, settingsInput: EstimateSettingsInput, rng: Rng, progress: ProgressReporter): Promise<EstimateRow[]> {
  return (await runEstimateReport(host, settingsInput, rng, progress)).rows;
}

/** JSON part of an estimate checkpoint (kind `estimate`): the finished runs, keyed `<objective>/<schedule>/<run>`. */
export interface EstimateCheckpointState {
  readonly done: Record<string, unknown>;
}

/**
 * Checkpoints for `runEstimateReport`: a save after every finished run, and `atStep` after every
 * training step (signals). A resumed report skips the finished runs and repeats the interrupted one
 * from its start (each run has its own stream `rng.fork('run<r>')`, so the result is the same).
 */
export interface EstimateHooks {
  readonly checkpointer?: Checkpointer;
  readonly resume?: Checkpoint;
}

/** JSON cannot hold NaN/Infinity (held-out values are NaN when off): encode them as strings. */
const encode = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)));
const decode = (x: unknown): unknown =>
  Array.isArray(x) ? x.map(decode) : x !== null && typeof x === 'object' ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, k === 'error' ? v : decode(v)])) : x === 'NaN' || x === 'Infinity' || x === '-Infinity' ? Number(x) : x;

/** The stage lists to run: one per benchmark task, or the stepwise correlated-Gaussian schedule. */
function schedules(host: PluginHost, s: EstimateSettings): MiTask[][] {
  if (s.tasks !== undefined) return s.tasks.map((t) => [host.task(t.id).create(t.options)]);
  return [s.mi.map((mi) => new GaussianTask(s.dim, mi, s.transform === 'cubic'))];
}

/**
 * Benchmarks MI objectives on tasks with known MI (specs/estimators.md §6–7): for each objective,
 * task schedule and run, a fresh critic trained with Adam (fresh samples every step). The critic is
 * the objective entry's own `critic`, else the objective's declared `defaultCritic`, else
 * `settings.critic` (`criticFor`). Without `settings.tasks` the schedule is the stepwise
 * correlated Gaussian `settings.mi` (critic carried over between levels). Returns one row per
 * objective and stage, and writes them as CSV when `settings.csv` is set. Run r of every objective
 * and task uses the stream `rng.fork('run<r>')`, so objectives see the same data and initial
 * weights.
 * @throws BedError('invalidConfig') for bad settings, ('unknownPlugin') for an unknown id.
 */
export async function runEstimateReport(host: PluginHost, settingsInput: EstimateSettingsInput, rng: Rng, progress: ProgressReporter, hooks: EstimateHooks = {}): Promise<EstimateReport> {
  const s = parseEstimateSettings(settingsInput);
  const factories = s.objectives.map((o) => {
    const factory = host.objective(o.id);
    const critic = criticFor(factory, o.critic, s.critic);
    return { factory, options: o.options, critic, criticFactory: host.critic(critic.id), so: settingsFor(s, o) };
  });
  const rows: EstimateRow[] = [];
  const traces: EstimateTrace[] = [];
  const done: Record<string, unknown> = { ...((hooks.resume?.state as EstimateCheckpointState | undefined)?.done ?? {}) };
  let step = 0;
  const snapshot = (): Checkpoint<EstimateCheckpointState> => ({ kind: 'estimate', step, state: { done }, tensors: {} });
  const tick = hooks.checkpointer ? () => hooks.checkpointer!.atStep(++step, snapshot) : undefined;
  for (const [oi, { factory, options, critic, criticFactory, so }] of factories.entries()) {
    const warning = criticPairingWarning(factory, criticFactory);
    if (warning) progress.log(warning);
    for (const [pi, stages] of schedules(host, so).entries()) {
      const results: RunResult[] = [];
      for (let r = 0; r < s.runs; r++) {
        const key = `${oi}/${pi}/${r}`;
        if (done[key] !== undefined) {
          results.push(decode(done[key]) as RunResult);
          continue;
        }
        const label = s.tasks ? ` on ${stages[0]!.label}` : '';
        const task = progress.start(`estimate ${factory.id}${label} run ${r + 1}/${s.runs}`, stages.length * so.stepsPerStage);
        try {
          const result = await trainRun(factory, options, criticFactory, critic.options, stages, so, rng.fork(`run${r}`), task, { tick });
          results.push(result);
          done[key] = encode(result);
          hooks.checkpointer?.save(snapshot());
        } finally {
          task.stop();
        }
      }
      results.forEach((x, run) => traces.push({ objective: factory.id, critic: criticFactory.id, task: stages[0]!.label, run, points: x.trace, seconds: x.seconds }));
      const steps = results.reduce((a, x) => a + x.steps, 0);
      const seconds = results.reduce((a, x) => a + x.seconds, 0);
      const error = results.find((x) => x.error)?.error;
      stages.forEach((t, k) => {
        // Runs that finished this stage; the others diverged at or before it (numerical error).
        const ok = results.filter((x) => (x.values[k]?.length ?? 0) === so.average && x.heldOut[k] !== undefined);
        const complete = ok.length > 0;
        const vals = ok.flatMap((x) => x.values[k]!);
        const bnds = ok.flatMap((x) => x.bounds[k]!);
        const held = ok.map((x) => x.heldOut[k]!);
        const estimate = complete ? mean(vals) : Number.NaN;
        const heldOut = complete && s.heldOut > 0 ? mean(held) : Number.NaN;
        const diverged = results.length - ok.length;
        rows.push({
          objective: factory.id,
          critic: criticFactory.id,
          criticSource: critic.source,
          task: t.label,
          dim: t.xDim,
          transform: s.tasks ? '-' : s.transform,
          trueMi: t.trueMi,
          estimate,
          bias: estimate - t.trueMi,
          std: complete ? sd(vals) : Number.NaN,
          estimateSd: complete ? sd(ok.map((x) => mean(x.values[k]!))) : Number.NaN,
          heldOut,
          heldOutBias: heldOut - t.trueMi,
          heldOutSd: complete && s.heldOut > 0 ? sd(held) : Number.NaN,
          bound: complete ? mean(bnds) : Number.NaN,
          runs: s.runs,
          lr: so.lr,
          lrSchedule: so.lrSchedule,
          stepsPerStage: so.stepsPerStage,
          ...(so.emaDecay !== undefined ? { emaDecay: so.emaDecay } : {}),
          diverged,
          stepsPerSecond: seconds > 0 ? steps / seconds : 0,
          seconds,
          backend: tf.getBackend(),
          ...(diverged > 0 && error ? { error } : {}),
          options,
        });
      });
      const mine = rows.slice(-stages.length);
      progress.log(`estimate ${factory.id}: ${mine.map((r) => `${r.task} ${r.trueMi.toFixed(3)}→${r.estimate.toFixed(2)} (held-out ${r.heldOut.toFixed(2)})`).join(', ')}`);
    }
  }
  if (s.csv !== undefined) writeFileAtomic(s.csv, estimateRowsToCsv(rows));
  return { rows, traces };
}
