import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BedError, Checkpointer, checkMemory, memoryLimit, readCheckpoint, Rng, writeFileAtomic, type BackendPreference, type PluginHost } from '@infobed/core';
import { readYaml } from '@infobed/design';
import {
  benchmarkTable,
  estimateMemoryTerms,
  estimateRowsToCsv,
  gaussianMi,
  parseEstimateSettings,
  runEstimateReport,
  writeEstimatePlots,
  type EstimateRow,
  type EstimateSettings,
  type EstimateSettingsInput,
  type EstimateTrace,
} from '@infobed/estimate';
import { Command, Option } from 'commander';
import { bootstrap } from '../bootstrap.js';
import { blameFlags } from '../flagBlame.js';
import { addResumeOptions, openResume, writeRunOrigin, type ResumeFlags } from '../resumeOptions.js';
import { lockRunFolder } from '../runFolder.js';
import type { CliIo } from '../CliIo.js';
import { emitResult } from '../emit.js';
import { addGlobalOptions, intArg, numArg, type GlobalOptions } from '../globalOptions.js';

interface EstimateFlags extends GlobalOptions, ResumeFlags {
  readonly objective?: string[];
  readonly critic?: string;
  readonly dim?: number;
  readonly mi?: number[];
  readonly rho?: number;
  readonly transform?: 'none' | 'cubic';
  readonly batch?: number;
  readonly steps?: number;
  readonly average?: number;
  readonly runs?: number;
  readonly lr?: number;
  readonly preset?: string;
  readonly task?: string[];
  readonly heldOut?: number;
  readonly emaDecay?: number;
  readonly lrSchedule?: 'constant' | 'cosine';
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Deep merge of plain objects; arrays and scalars in `b` replace those in `a`. */
const merge = (a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries([...new Set([...Object.keys(a), ...Object.keys(b)])].map((k) => [k, isObj(a[k]) && isObj(b[k]) ? merge(a[k], b[k]) : k in b ? b[k] : a[k]]));
const listOf = (parse: (v: string) => number) => (v: string, prev: number[] | undefined) => [...(prev ?? []), ...v.split(',').map(parse)];
const idsOf = (v: string, prev: string[] | undefined) => [...(prev ?? []), ...v.split(',').map((s) => s.trim()).filter(Boolean)];

/** Config `estimate:` section (+ `presets.<name>.estimate`), then flags on top. */
function resolveSettings(f: EstimateFlags, io: CliIo): { settings: Record<string, unknown>; seed: number; backend: BackendPreference; where: string; plugins: string[] } {
  const where = f.config ?? '(flags)';
  const doc = f.config ? readYaml(resolve(io.cwd, f.config)) : {};
  const plugins = doc.plugins ?? [];
  if (!Array.isArray(plugins) || !plugins.every((p) => typeof p === 'string' && p.length > 0)) {
    throw new BedError('invalidConfig', `${where}: plugins: expected a list of plugin paths (relative to the config file) or package names, got ${JSON.stringify(plugins)}`);
  }
  let est = isObj(doc.estimate) ? doc.estimate : {};
  if (f.preset !== undefined) {
    const presets = isObj(doc.presets) ? doc.presets : {};
    const p = presets[f.preset];
    if (!isObj(p)) throw new BedError('invalidArgument', `--preset: ${where} has no preset "${f.preset}" (available: ${Object.keys(presets).join(', ') || 'none'})`);
    est = merge(est, isObj(p.estimate) ? p.estimate : {});
  }
  const over: Record<string, unknown> = {};
  if (f.objective) {
    // An id the config lists keeps its entry (options, critic, own budget: flo's lr), as --task does.
    const known = Array.isArray(est.objectives) ? (est.objectives as Record<string, unknown>[]) : [];
    over.objectives = f.objective.flatMap((id) => {
      const configured = known.filter((o) => o.id === id);
      return configured.length > 0 ? configured : [{ id }];
    });
  }
  if (f.critic) {
    // A named critic applies to every objective (over an objective's own default, e.g. FLO → shared).
    const critic = { id: f.critic, options: f.critic === (isObj(est.critic) ? est.critic.id : undefined) ? (est.critic as { options?: unknown }).options ?? {} : {} };
    const entries = (over.objectives ?? est.objectives ?? []) as Record<string, unknown>[];
    over.objectives = entries.map((o) => ({ ...o, critic }));
    over.critic = critic;
  }
  if (f.task) {
    const known = Array.isArray(est.tasks) ? (est.tasks as Record<string, unknown>[]) : [];
    over.tasks = f.task.flatMap((id) => {
      const configured = known.filter((t) => t.id === id);
      return configured.length > 0 ? configured : [{ id }];
    });
  }
  if (f.heldOut !== undefined) over.heldOut = f.heldOut;
  if (f.dim !== undefined) over.dim = f.dim;
  if (f.transform) over.transform = f.transform;
  if (f.batch !== undefined) over.batch = f.batch;
  if (f.steps !== undefined) over.stepsPerStage = f.steps;
  if (f.average !== undefined) over.average = f.average;
  if (f.runs !== undefined) over.runs = f.runs;
  if (f.lr !== undefined) over.lr = f.lr;
  if (f.lrSchedule !== undefined) over.lrSchedule = f.lrSchedule;
  if (f.mi && f.rho !== undefined) throw new BedError('invalidArgument', '--mi and --rho: give one or the other');
  if (f.mi) over.mi = f.mi;
  if (f.emaDecay !== undefined && !(f.emaDecay >= 0 && f.emaDecay < 1)) throw new BedError('invalidArgument', `--ema-decay: expected a number in [0, 1) (0: off), got ${f.emaDecay}`);
  const settings = merge(est, over);
  // --ema-decay applies to every objective, over an entry's own; 0 turns the averaging off.
  if (f.emaDecay !== undefined) {
    if (Array.isArray(settings.objectives)) settings.objectives = (settings.objectives as Record<string, unknown>[]).map(({ emaDecay: _, ...o }) => o);
    if (f.emaDecay > 0) settings.emaDecay = f.emaDecay;
    else delete settings.emaDecay;
  }
  // --lr / --lr-schedule / --steps / --average / --mi / --rho apply to every objective, over an entry's own budget (e.g. flo's lr).
  const budgetFlags = (['lr', 'lrSchedule', 'stepsPerStage', 'average', 'mi'] as const).filter((k) => over[k] !== undefined || (k === 'average' && f.steps !== undefined) || (k === 'mi' && f.rho !== undefined));
  if (budgetFlags.length > 0 && Array.isArray(settings.objectives)) {
    settings.objectives = (settings.objectives as Record<string, unknown>[]).map((o) => Object.fromEntries(Object.entries(o).filter(([k]) => !(budgetFlags as readonly string[]).includes(k))));
  }
  if (f.rho !== undefined) settings.mi = [gaussianMi(typeof settings.dim === 'number' ? settings.dim : 10, f.rho)];
  if (f.steps !== undefined && f.average === undefined) settings.average = Math.max(1, Math.floor(f.steps / 2));
  if (settings.objectives === undefined) throw new BedError('invalidArgument', `--objective: required (or estimate.objectives in the config)`);
  const seed = f.seed ?? (typeof doc.seed === 'number' ? doc.seed : 0);
  const backend = (f.backend ?? (typeof doc.backend === 'string' ? doc.backend : 'auto')) as BackendPreference;
  return { settings, seed, backend, where, plugins: plugins as string[] };
}

/** Validates the settings for the memory check; schema errors name the file (`x.yaml: estimate.batch: …`). */
function parseForLimits(settings: Record<string, unknown>, where: string): EstimateSettings {
  try {
    return parseEstimateSettings(settings as EstimateSettingsInput);
  } catch (e) {
    if (BedError.is(e, 'invalidConfig')) throw new BedError('invalidConfig', `${where}: ${e.message}`, { cause: e });
    throw e;
  }
}

/** Package, version and options of every objective, critic and task in the run (for `result.json`). */
const componentsOf = (host: PluginHost, rows: readonly EstimateRow[], tasks: readonly { id: string; options: unknown }[]): Record<string, unknown>[] => {
  const seen = new Map<string, Record<string, unknown>>();
  for (const r of rows) {
    const key = `${r.objective} ${JSON.stringify(r.options)}`;
    if (!seen.has(key)) seen.set(key, { kind: 'objective', ...host.provenance('estimators', r.objective), options: r.options });
    if (!seen.has(`critic ${r.critic}`)) seen.set(`critic ${r.critic}`, { kind: 'critic', ...host.provenance('critics', r.critic) });
  }
  for (const t of tasks) seen.set(`task ${t.id} ${JSON.stringify(t.options)}`, { kind: 'task', ...host.provenance('tasks', t.id), options: t.options });
  return [...seen.values()];
};

/** `trace.csv`: one line per training-curve point (block mean of the objective's per-step value). */
const traceCsv = (traces: readonly EstimateTrace[]): string =>
  ['objective,critic,task,run,step,trueMi,mi', ...traces.flatMap((t) => t.points.map((p) => `${t.objective},${t.critic},${t.task},${t.run},${p.step},${p.trueMi},${p.mi.toPrecision(6)}`))].join('\n') + '\n';

const human = (rows: readonly EstimateRow[]): string =>
  [
    `objective        critic     ${'task'.padEnd(36)} true MI  estimate    bias     std held-out   bound  steps/s`,
    ...rows.map(
      (r) =>
        `${r.objective.padEnd(16)} ${r.critic.padEnd(10)} ${r.task.padEnd(36)} ${r.trueMi.toFixed(3).padStart(7)} ${r.estimate.toFixed(3).padStart(9)} ${r.bias.toFixed(3).padStart(7)} ${r.std.toFixed(3).padStart(7)} ${r.heldOut.toFixed(3).padStart(8)} ${r.bound.toFixed(3).padStart(7)} ${r.stepsPerSecond.toFixed(1).padStart(8)}${r.error ? `  ${r.error}` : ''}`,
    ),
    '(nats; estimate = mean per-step training-batch value over the averaging window; held-out = the objective on fresh pairs after training; bound = InfoNCE bound of the same scores)',
  ].join('\n');

/** `infobed estimate`: benchmark MI objectives on correlated Gaussians with known MI (specs/cli.md). */
export function makeEstimateCommand(io: CliIo): Command {
  return addResumeOptions(addGlobalOptions(new Command('estimate')))
    .description('benchmark MI objectives against the known MI of correlated Gaussians (stepwise truth schedule) or of benchmark tasks (--task)')
    .option('--objective <id>', "objective id (repeatable or comma-separated); an id the config lists keeps its entry's options, critic and budget", idsOf)
    .option('--critic <id>', "critic id for every objective: separable, joint, bilinear, shared, … (default: the objective's own, e.g. flo → shared, else the config's critic)")
    .option('--task <id>', 'benchmark task family instead of the stepwise Gaussian schedule (repeatable or comma-separated; options from the config)', idsOf)
    .option('--held-out <n>', 'fresh pairs for the held-out estimate after each stage (0: off; default 10000)', intArg(0))
    .option('--dim <d>', 'dimension of x and y', intArg(1))
    .option('--mi <nats>', 'true MI level(s) in nats, stepwise (repeatable or comma-separated)', listOf(numArg))
    .option('--rho <r>', 'per-coordinate correlation instead of --mi', numArg)
    .addOption(new Option('--transform <t>', 'y ↦ y³ keeps the MI, makes the critic harder').choices(['none', 'cubic']))
    .option('--batch <B>', 'batch size', intArg(2))
    .option('--steps <N>', 'training steps per truth level', intArg(1))
    .option('--average <n>', 'average the last n steps of each level (default: half of --steps)', intArg(1))
    .option('--runs <R>', 'independent runs', intArg(1))
    .option('--lr <rate>', 'Adam learning rate', numArg)
    .addOption(new Option('--lr-schedule <s>', 'learning rate per stage: constant, or cosine-annealed from --lr towards 0').choices(['constant', 'cosine']))
    .option('--ema-decay <d>', "held-out read-out with an exponential moving average of the critic's weights, decay d in (0, 1); 0: off (over the config's emaDecay)", numArg)
    .option('--preset <name>', 'apply a preset from the config (e.g. paper, ci)')
    .action(async (f: EstimateFlags) => {
      const resumed = f.resume ? openResume(f as EstimateFlags & Record<string, unknown>, io.cwd, 'estimate') : undefined;
      const { settings, seed, backend, where, plugins } = resumed ? (resumed.origin.extra as ReturnType<typeof resolveSettings>) : resolveSettings(f, io);
      // Limits before any work: memory estimated from the settings against the machine / wasm heap.
      const flagged: Record<string, string> = resumed ? {} : { ...(f.batch !== undefined ? { 'estimate.batch': '--batch' } : {}), ...(f.dim !== undefined ? { 'estimate.dim': '--dim' } : {}) };
      blameFlags(where, flagged, () => checkMemory(estimateMemoryTerms(parseForLimits(settings, where)), where, memoryLimit(backend)));
      // The out folder is checked and locked before any work (a file, /proc, another run's folder).
      const out = resumed ? resumed.dir : f.out;
      const folder = out ? lockRunFolder(out, io.cwd, { flag: resumed ? '--resume' : '--out', resume: resumed !== undefined }) : undefined;
      try {
      if (folder && !resumed) writeRunOrigin(folder.dir, { command: 'estimate', configSource: where, pluginBaseDir: f.config ? dirname(resolve(io.cwd, f.config)) : io.cwd, extra: { settings, seed, backend, where, plugins } });
      const file = folder ? join(folder.dir, 'checkpoint', 'state.ibck') : undefined;
      const resume = file && resumed && existsSync(file) ? readCheckpoint(file, 'estimate') : undefined;
      const checkpointer = new Checkpointer({ ...(file ? { file } : {}), every: 0, component: 'estimate', runDir: folder?.dir ?? '' });
      const s = await bootstrap(io, f, backend, { specs: plugins, baseDir: f.config ? dirname(resolve(io.cwd, f.config)) : io.cwd, ...(f.config ? { where: f.config } : {}) });
      // Again with the objectives' own default critics (FLO → shared), known once the plugins are loaded.
      const defaultCritic = (id: string) => s.host.objectives().find((o) => o.id === id)?.defaultCritic;
      blameFlags(where, flagged, () => checkMemory(estimateMemoryTerms(parseForLimits(settings, where), defaultCritic), where, memoryLimit(s.backend.backend)));
      const outDir = folder?.dir;
      let rows: EstimateRow[];
      let traces: EstimateTrace[];
      try {
        if (resume) s.progress.log(`estimate: resuming with ${Object.keys((resume.state as { done: object }).done).length} finished run(s) from the checkpoint`);
        ({ rows, traces } = await runEstimateReport(s.host, { ...(settings as EstimateSettingsInput), ...(outDir ? { csv: join(outDir, 'estimate.csv') } : {}) }, new Rng(seed).fork('estimate'), s.progress, { checkpointer, ...(resume ? { resume } : {}) }));
      } catch (e) {
        if (BedError.is(e, 'unknownPlugin')) throw new BedError('invalidArgument', `${f.objective || f.critic || f.task ? '--objective/--critic/--task' : where}: ${e.message}`, { cause: e });
        if (BedError.is(e, 'invalidConfig') && f.config) throw new BedError('invalidConfig', `${where}: ${e.message}`, { cause: e });
        throw e;
      }
      const seconds = Object.fromEntries(traces.filter((t) => t.run === 0).map((t) => [t.objective, +traces.filter((u) => u.objective === t.objective).reduce((a, u) => a + u.seconds, 0).toFixed(1)]));
      const components = componentsOf(s.host, rows, parseEstimateSettings(settings as EstimateSettingsInput).tasks ?? []);
      const result = rows.length === 1 ? { ...rows[0]!, seed, seconds: Object.values(seconds)[0], components } : { rows, seed, backend: s.backend.backend, seconds, components };
      // onDiverge `report` (benchmark preset): diverged runs are results, shown in the table and rows.
      const failed = parseEstimateSettings(settings as EstimateSettingsInput).onDiverge === 'fail' ? rows.find((r) => r.error !== undefined || !Number.isFinite(r.estimate)) : undefined;
      if (outDir) {
        writeFileAtomic(join(outDir, 'trace.csv'), traceCsv(traces));
        if (parseEstimateSettings(settings as EstimateSettingsInput).tasks) writeFileAtomic(join(outDir, 'benchmark.md'), benchmarkTable(rows));
        const { batch, dim, tasks } = parseEstimateSettings(settings as EstimateSettingsInput);
        try {
          await writeEstimatePlots(outDir, rows, traces, { batch, dim, tasks: tasks !== undefined });
        } catch (e) {
          s.progress.log(`warning: plots not written (${(e as Error).message}); the CSV files and result.json are complete`);
        }
        // result.json last, and only on success: its presence means the run finished and every other file is complete.
        if (!failed) writeFileAtomic(join(outDir, 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
      }
      if (failed) throw new BedError('numerical', `estimate: ${failed.objective} at ${failed.trueMi} nats: ${failed.error ?? `estimate is ${failed.estimate}`}`);
      emitResult(io, f.json, result, human(rows));
      } finally {
        folder?.release();
      }
    });
}
