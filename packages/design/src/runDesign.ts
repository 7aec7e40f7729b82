import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import {
  BedError,
  Checkpointer,
  readCheckpoint,
  Rng,
  type InterruptFlag,
  criticPairingWarning,
  silentProgress,
  writeFileAtomic,
  type DesignRecord,
  type CriticSource,
  type DesignSpace,
  type Critic,
  type PluginHost,
  type ProgressReporter,
  type Provenance,
} from '@infobed/core';
import { eigEvaluator } from '@infobed/evaluate';
import { stringify } from 'yaml';
import type { DesignConfig } from './DesignConfigSchema.js';
import { designCritic } from './designCritic.js';
import { writeDesignPlots } from './designPlots.js';
import type { EigEstimate, EigEvaluator } from './EigEstimate.js';
import { historyCsv } from './historyCsv.js';
import { exchangeCheck, type ExchangeRecord } from './exchangeDesign.js';
import { chainJumps, fmtDesign, recordedJumps } from './jumpHooks.js';
import { polishDesign, type PolishRecord } from './polishDesign.js';
import { measureInputScaling, StandardisedCritic } from './inputScaling.js';
import { runRestarts, type RestartStart } from './restartDesign.js';
import { CRITIC_FILE, saveCritic } from './savedCritic.js';
import { SgaDesignOptimiser } from './SgaDesignOptimiser.js';

/** `result.json` of `infobed design` (specs/cli.md). */
export interface DesignResult {
  readonly simulator: string;
  readonly objective: string;
  /** What `mi.estimate` is: the objective's own bound, another bound, or a plug-in estimate. */
  readonly objectiveReports: 'bound' | 'other-bound' | 'plug-in';
  readonly critic: string;
  /** How the critic was chosen: named for the objective, the objective's own default (FLO → `shared`), or the config's as a fallback. */
  readonly criticSource: CriticSource;
  readonly backend: string;
  readonly seed: number;
  readonly steps: number;
  readonly seconds: number;
  readonly design: number[];
  /** Final read-out over fresh batches at the final design; `bound` is a valid lower bound (the objective's own, else InfoNCE of the same scores). */
  readonly mi: { readonly bound: number; readonly boundStderr: number; readonly estimate: number; readonly estimateStderr: number };
  readonly eig?: EigEstimate;
  /** `design.restarts` > 1: the short starts and which one continued (`best`). */
  readonly restarts?: { readonly best: number; readonly steps: number; readonly starts: RestartStart[] };
  /** `design.exchangeAt`: every exchange check, accepted or not. */
  readonly exchanges?: ExchangeRecord[];
  /** `design.polish`: the final pattern search (packages/design/src/polishDesign.ts). */
  readonly polish?: PolishRecord;
  /** Which package and version provided each component, with the options it was given. */
  readonly components: {
    readonly simulator: ComponentRecord;
    readonly objective: ComponentRecord;
    readonly critic: ComponentRecord;
  };
  readonly files: string[];
}

/** One component of a run in `result.json`: `{ id, package, version, thirdParty, options }`. */
export interface ComponentRecord extends Provenance {
  readonly options: Readonly<Record<string, unknown>>;
}

export interface RunDesignOptions {
  readonly host: PluginHost;
  readonly config: DesignConfig;
  readonly outDir: string;
  /** `tf.getBackend()` after selection. */
  readonly backend: string;
  readonly progress?: ProgressReporter;
  /**
   * Independent EIG of the final design; defaults to `@infobed/evaluate`'s `eigEvaluator` (closed
   * form, else the sPCE/sNMC bracket where a likelihood exists, per the config's `evaluate:`).
   */
  readonly evaluateEig?: EigEvaluator;
  /** The config's file name, quoted in error messages. */
  readonly configSource?: string;
  /** Skip the plots (tests). */
  readonly plots?: boolean;
  /** Save `checkpoint/state.ibck` every this many steps (0 = only on interruption; default 200). */
  readonly checkpointEvery?: number;
  /** Continue the run in `outDir` from its checkpoint (`--resume`). */
  readonly resume?: boolean;
  /** Stop request (defaults to the process-wide flag the CLI's signal handlers set). */
  readonly interrupt?: InterruptFlag;
}

/** The design `SgaDesignOptimiser` starts from without `design.initial` (same `design-init` stream). */
const startDesign = (space: DesignSpace, rng: Rng): number[] =>
  tf.tidy(() => Array.from(space.toDesign(tf.tensor1d(space.initialRaw(rng.fork('design-init')))).dataSync()));

/** Where a design run keeps its checkpoint (docs/checkpoints.md). */
export const designCheckpointFile = (outDir: string): string => join(outDir, 'checkpoint', 'state.ibck');

/**
 * `plugins:` for `config.resolved.yaml`: the absolute folders of every third-party plugin the host
 * loaded (config `plugins:` and `--plugin` alike), so the run folder can be re-run from anywhere.
 * Falls back to the config's own list when the host loaded none from disk.
 */
const resolvedPlugins = (host: PluginHost, c: DesignConfig): string[] => (host.pluginRoots().length > 0 ? host.pluginRoots() : c.plugins);

/**
 * Resolves a plugin id or builds from options, turning "unknown id" and option errors into one
 * `invalidConfig` error that names the file and the section (`configs/x.yaml: objective.id: unknown …`).
 */
function asConfigError<T>(where: string, section: string, build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (BedError.is(e, 'unknownPlugin')) throw new BedError('invalidConfig', `${where}: ${section}.id: ${e.message}`, { cause: e });
    if (BedError.is(e, 'invalidConfig') && !e.message.startsWith(where)) throw new BedError('invalidConfig', `${where}: ${e.message}`, { cause: e });
    throw e;
  }
}

/**
 * Runs one design optimisation from a validated config and writes, atomically, `history.csv`,
 * `config.resolved.yaml`, plots and finally `result.json` (its presence means success). On a
 * numerical failure it writes `history.csv` up to the last good step and `last-good.json`, then
 * rethrows the `BedError('numerical')`.
 */
export async function runDesign(o: RunDesignOptions): Promise<DesignResult> {
  const { host, outDir } = o;
  const progress = o.progress ?? silentProgress;
  const where = o.configSource ?? 'config';
  const objectiveFactory = asConfigError(where, 'objective', () => host.objective(o.config.objective.id));
  const { source: criticSource, ...chosenCritic } = designCritic(o.config, objectiveFactory);
  // The chosen critic's id and options; the block's host flags (`standardise`) stay as configured.
  const c: DesignConfig = { ...o.config, critic: { ...o.config.critic, id: chosenCritic.id, options: { ...chosenCritic.options } } };
  const simulator = asConfigError(where, 'simulator', () => host.simulator(c.simulator.id).create(c.simulator.options));
  const objective = asConfigError(where, 'objective', () => objectiveFactory.create(c.objective.options));
  const rng = new Rng(c.seed);
  const criticFactory = asConfigError(where, 'critic', () => host.critic(c.critic.id));
  const warning = criticPairingWarning(objectiveFactory, criticFactory);
  if (warning) progress.log(warning);
  const criticArgs = { xDim: simulator.thetaNames.length, yDim: simulator.obsDim, ...(objective.aux ? { aux: objective.aux } : {}), options: c.critic.options };
  const initial = c.design.initial;
  const space: DesignSpace = simulator.designSpace;
  if (initial) {
    try {
      space.validate(initial, 'design.initial');
    } catch (e) {
      if (BedError.is(e, 'invalidArgument')) throw new BedError('invalidConfig', `${where}: ${e.message}`, { cause: e });
      throw e;
    }
  }
  // A shorter run (`--steps`) than the config's checks were placed for: say so, and skip them.
  const late = c.design.exchangeAt.filter((s) => s > c.design.steps);
  if (late.length > 0) progress.log(`${where}: design.exchangeAt: step ${late.join(', ')} after the last joint step (design.steps = ${c.design.steps}): skipped`);
  // critic.standardise: θ by its prior, y by its prior predictive at the design the run starts from.
  const scaling = c.critic.standardise ? measureInputScaling(simulator, initial ?? startDesign(space, rng), rng.fork('input-scaling')) : undefined;
  const makeCritic = (seed: number): Critic => {
    const inner = criticFactory.create({ ...criticArgs, seed });
    return scaling ? new StandardisedCritic(inner, scaling) : inner;
  };
  let critic = asConfigError(where, 'critic', () => makeCritic(rng.fork('critic').nextSeed()));
  const { presets: _presets, criticNamed: _named, ...resolved } = c;
  const file = designCheckpointFile(outDir);
  // A run killed before its first checkpoint restarts from step 0 (same config, same result).
  const resume = o.resume && existsSync(file) ? readCheckpoint(file, 'design') : undefined;
  if (!o.resume) writeFileAtomic(join(outDir, 'config.resolved.yaml'), stringify({ ...resolved, plugins: resolvedPlugins(host, c) }));
  const components = {
    simulator: { ...host.provenance('simulators', c.simulator.id), options: c.simulator.options },
    objective: { ...host.provenance('estimators', c.objective.id), options: c.objective.options },
    critic: { ...host.provenance('critics', c.critic.id), options: c.critic.options },
  };
  try {
    let settings = { ...c.design, ...(c.design.initial ? { initialDesign: c.design.initial } : {}) };
    const evaluateEig = o.evaluateEig ?? eigEvaluator;
    let restarts: DesignResult['restarts'];
    // Restarts and exchange checks score designs at a smaller budget than the final evaluation.
    const cheap = { ...c.evaluate, outer: Math.min(c.evaluate.outer, 500), inner: Math.min(c.evaluate.inner, 2000) };
    if (c.design.restarts > 1 && resume === undefined) {
      // A resumed run continues the main run from its checkpoint: the restarts were done before it.
      const steps = c.design.restartSteps ?? Math.max(50, Math.round(c.design.steps / 10));
      const r = await runRestarts({
        simulator, objective, settings, restarts: c.design.restarts, restartSteps: steps, evaluate: cheap, rng, progress,
        makeCritic,
        score: (d, e, g) => evaluateEig(simulator, d, e, g),
      });
      critic.dispose();
      critic = r.critic;
      settings = { ...settings, initialDesign: r.design };
      restarts = { best: r.best, steps, starts: r.starts };
      // Kept for --resume, so a resumed run reports the same restarts as an uninterrupted one.
      writeFileAtomic(join(outDir, 'checkpoint', 'restarts.json'), `${JSON.stringify(restarts)}\n`);
    } else if (resume && existsSync(join(outDir, 'checkpoint', 'restarts.json'))) {
      restarts = JSON.parse(readFileSync(join(outDir, 'checkpoint', 'restarts.json'), 'utf8')) as DesignResult['restarts'];
    }
    const checkpointer = new Checkpointer({ file, every: o.checkpointEvery ?? 200, component: 'design', runDir: outDir, ...(o.interrupt ? { interrupt: o.interrupt } : {}) });
    if (o.resume) progress.log(resume ? `design: resuming from the checkpoint at step ${resume.step}` : 'design: no checkpoint yet; restarting the run from step 0');
    const score = (x: readonly number[], e: typeof cheap, g: Rng) => evaluateEig(simulator, x, e, g);
    const exchange = recordedJumps('exchange', 'exchanges.json', outDir, resume?.step, new Set(c.design.exchangeAt), (step, d) => exchangeCheck(step, d, score, cheap, rng), (r) =>
      `${fmtDesign(r.from)} EIG ${r.fromEig.toFixed(3)}; best of ${r.candidates} exchanges ${fmtDesign(r.to)} EIG ${r.toEig.toFixed(3)}`, progress);
    // design.polish: a pattern search after the last joint step, on its own draws (not the final evaluation's).
    const p = c.design.polish;
    const polishBudget = { ...c.evaluate, outer: p.outer, inner: p.inner };
    const polish = recordedJumps('polish', 'polish.json', outDir, resume?.step, new Set(p.steps.length > 0 ? [c.design.steps] : []), (step, d) =>
      polishDesign(step, d, space, (x) => score(x, polishBudget, rng.fork('polish'))?.value, p.steps, p.maxEvaluations), (r) =>
      `${fmtDesign(r.from)} EIG ${r.fromEig.toFixed(4)} → ${fmtDesign(r.to)} EIG ${r.toEig.toFixed(4)} (${r.moves} moves, ${r.evaluations} designs scored)`, progress);
    const jump = chainJumps(exchange.jump, polish.jump);
    const run = await new SgaDesignOptimiser().run({ simulator, objective, critic }, settings, rng, { progress, checkpointer, jump, ...(resume ? { resume } : {}) });
    writeFileAtomic(join(outDir, 'history.csv'), historyCsv(run.history));
    writeFileAtomic(join(outDir, 'checkpoint', 'design.json'), JSON.stringify({ step: run.stepsDone, design: run.design }, null, 2));
    const saved = (): never => {
      throw new BedError('internal', 'design: the final step has no checkpoint');
    };
    checkpointer.stopIfRequested(run.stepsDone, saved);
    progress.log('evaluating the final design independently of the critic…');
    const eig = evaluateEig(simulator, run.design, c.evaluate, rng.fork('evaluate'));
    if (eig && ![eig.value, eig.stderr, eig.upper ?? 0].every(Number.isFinite)) {
      const lastGood = run.history.at(-1);
      throw new BedError('numerical', `design: the independent EIG of the final design is not finite (${eig.method}: ${eig.value} ± ${eig.stderr}); the training history is complete up to step ${lastGood?.step ?? 0}`, {
        cause: { lastGood, history: run.history },
      });
    }
    // The trained critic, for `infobed infer` (posterior of the real experiment's outcome).
    saveCritic(outDir, critic, run.stepsDone, {
      critic: { ...components.critic, ...criticArgs, options: c.critic.options },
      simulator: { id: simulator.id, options: c.simulator.options },
      objective: { id: objective.id, options: c.objective.options, reports: objectiveFactory.reports },
      design: run.design,
      ...(scaling ? { inputScaling: scaling } : {}),
      config: { ...resolved, plugins: resolvedPlugins(host, c) },
      backend: o.backend,
    });
    const files = ['result.json', 'history.csv', 'config.resolved.yaml', CRITIC_FILE];
    if (o.plots !== false) {
      const title = `${simulator.id} · ${objective.id}`;
      const pngs = await writeDesignPlots(outDir, run.history, { title, objective: objective.id, batch: c.design.batch, ...(eig ? { eig } : {}) });
      files.push(...pngs.map((p) => p.slice(outDir.length + 1)));
    }
    const result: DesignResult = {
      simulator: simulator.id,
      objective: objective.id,
      objectiveReports: objectiveFactory.reports,
      critic: critic.id,
      criticSource,
      backend: o.backend,
      seed: c.seed,
      steps: run.stepsDone,
      seconds: Math.round(run.seconds * 10) / 10,
      design: run.design,
      mi: run.final,
      ...(eig ? { eig } : {}),
      ...(restarts ? { restarts } : {}),
      ...(c.design.exchangeAt.length > 0 ? { exchanges: exchange.records } : {}),
      ...(polish.records[0] ? { polish: polish.records[0] } : {}),
      components,
      files,
    };
    checkpointer.stopIfRequested(run.stepsDone, saved);
    writeFileAtomic(join(outDir, 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } catch (e) {
    if (BedError.is(e, 'numerical')) {
      const cause = e.cause as { lastGood?: DesignRecord; history?: DesignRecord[]; startDesign?: number[] } | undefined;
      // Only a history that the failure came with; never replace a saved one with a bare header.
      if (cause?.history && cause.history.length > 0) writeFileAtomic(join(outDir, 'history.csv'), historyCsv(cause.history));
      const lastGood = cause?.lastGood ?? (cause?.startDesign ? { step: 0, design: cause.startDesign } : null);
      writeFileAtomic(join(outDir, 'last-good.json'), `${JSON.stringify({ error: e.message, lastGood }, null, 2)}\n`);
    }
    throw e;
  } finally {
    critic.dispose();
    simulator.dispose?.();
  }
}
