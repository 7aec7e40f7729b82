import * as tf from '@tensorflow/tfjs';
import { BedError, silentProgress, type Checkpoint, type Checkpointer, type ProgressReporter, type Rng, type RngState } from '@infobed/core';
import { metaStreams } from '../metaStreams.js';
import { sampleSineEpisode, sampleSupportQuery, slicePoints, ZERO_PREDICTOR_MSE } from '../SineFamily.js';
import { SineTestSet } from '../SineTestSet.js';
import { evaluateLearner, exampleFits, validationMse, type ExampleFit, type MseRow } from './evaluateLearner.js';
import { makeLearner } from './FewShotLearner.js';
import type { MetaConfig, MetaMethod } from './MetaConfigSchema.js';

/** One point of the meta-training curve. */
export interface CurvePoint {
  readonly iteration: number;
  /** Mean query MSE on the fixed validation tasks. */
  readonly validationMse: number;
  /** Mean training loss (query MSE) since the previous point (NaN at iteration 0). */
  readonly trainLoss: number;
  /** Mean Î_FLO (nats) since the previous point: Meta-FLO and CNP only. */
  readonly mi?: number;
}

/** `infobed meta` result (specs/cli.md), plus the curve and qualitative fits. */
export interface MetaResult {
  readonly method: MetaMethod;
  readonly backend: string;
  readonly seed: number;
  readonly testSeed: number;
  readonly iterations: number;
  readonly seconds: number;
  readonly parameters: number;
  /** Test MSE rows: every K; MAML also every step count 0…evalSteps. */
  readonly mse: MseRow[];
  readonly curve: CurvePoint[];
  readonly examples: ExampleFit[];
  readonly reference: { readonly zeroPredictorMse: number; readonly oracleMse: 0 };
  readonly config: MetaConfig;
}

/** JSON part of a meta checkpoint (kind `meta`); tensors are the learner's (`model/…`, `critic/…`, `net/…`, `opt/…`). */
export interface MetaCheckpointState {
  readonly curve: CurvePoint[];
  readonly lossSum: number;
  readonly miSum: number;
  readonly count: number;
  readonly train: RngState;
  readonly seconds: number;
  readonly learner: unknown;
}

/** Checkpoints and resumption for `runMeta` (docs/checkpoints.md). */
export interface MetaRunHooks {
  readonly checkpointer?: Checkpointer;
  readonly resume?: Checkpoint;
}

/**
 * Meta-trains `config.method` on sine tasks, tracking validation MSE (fixed tasks, training K)
 * every `evalEvery` iterations, then evaluates on the fixed 600-task test set (specs/meta-learning.md §4).
 * Streams: train / validation / model from `rng`, test from `config.testSeed` alone.
 */
export async function runMeta(config: MetaConfig, rng: Rng, progress: ProgressReporter = silentProgress, hooks: MetaRunHooks = {}): Promise<MetaResult> {
  const t0 = performance.now();
  const streams = metaStreams(rng, config.testSeed);
  const tr = config.training;
  const isMaml = config.method === 'maml' || config.method === 'fomaml';
  const trainSteps = isMaml ? config.maml.innerSteps : 0;
  const val = sampleSineEpisode(streams.validation, tr.validationTasks, tr.supportShots + tr.validationQueries, config.task.noiseStd);
  const valSupport = slicePoints(val, 0, tr.supportShots);
  const valQuery = slicePoints(val, tr.supportShots, tr.validationQueries);
  const learner = makeLearner(config, streams.model);
  let curve: CurvePoint[] = [];
  let lossSum = 0;
  let miSum = 0;
  let count = 0;
  let first = 1;
  let before = 0;
  const resume = hooks.resume as Checkpoint<MetaCheckpointState> | undefined;
  if (resume) {
    const st = resume.state;
    learner.importState(st.learner, resume.tensors);
    streams.train.restoreFrom(st.train);
    // JSON has no NaN: the first point's train loss comes back as null.
    curve = st.curve.map((p) => ({ ...p, trainLoss: p.trainLoss ?? Number.NaN }));
    ({ lossSum, miSum, count } = st);
    before = st.seconds;
    first = resume.step + 1;
  }
  const snapshot = (it: number): Checkpoint<MetaCheckpointState> => {
    const l = learner.exportState();
    return { kind: 'meta', step: it, state: { curve, lossSum, miSum, count, train: streams.train.state(), seconds: before + (performance.now() - t0) / 1000, learner: l.scalars }, tensors: l.tensors };
  };
  const task = progress.start(`meta ${config.method}`, tr.iterations);
  try {
    if (!resume) curve.push({ iteration: 0, validationMse: validationMse(learner, valSupport, valQuery, trainSteps), trainLoss: Number.NaN });
    for (let it = first; it <= tr.iterations; it++) {
      let s;
      try {
        s = learner.trainStep(sampleSupportQuery(streams.train, tr.tasksPerEpisode, tr.supportShots, tr.queryPoints, config.task.noiseStd));
      } catch (e) {
        if (BedError.is(e, 'numerical')) throw new BedError('numerical', `${e.message} (iteration ${it})`, { cause: { curve, iteration: it } });
        throw e;
      }
      lossSum += s.loss;
      miSum += s.mi ?? 0;
      count++;
      if (it % tr.evalEvery === 0 || it === tr.iterations) {
        const v = validationMse(learner, valSupport, valQuery, trainSteps);
        curve.push({ iteration: it, validationMse: v, trainLoss: lossSum / count, ...(isMaml ? {} : { mi: miSum / count }) });
        task.update(it, { val: v.toFixed(3), ...(isMaml ? {} : { mi: (miSum / count).toFixed(3) }) });
        lossSum = miSum = count = 0;
      }
      await hooks.checkpointer?.atStep(it, () => snapshot(it), it === tr.iterations);
    }
  } catch (e) {
    learner.dispose();
    throw e;
  } finally {
    task.stop();
  }
  const test = SineTestSet.sample(streams.test, config.evaluation.tasks, Math.max(...config.evaluation.shots), config.evaluation.queries, config.task.noiseStd);
  const maxSteps = isMaml ? config.maml.evalSteps : 0;
  const mse = evaluateLearner(learner, test, config.evaluation.shots, maxSteps);
  const exampleShots = config.evaluation.shots.includes(tr.supportShots) ? tr.supportShots : config.evaluation.shots[0]!;
  const examples = exampleFits(learner, test, Math.min(config.evaluation.examples, test.tasks), exampleShots, maxSteps);
  const parameters = learner.parameterCount;
  learner.dispose();
  return {
    method: config.method,
    backend: tf.getBackend(),
    seed: rng.seed,
    testSeed: config.testSeed,
    iterations: tr.iterations,
    seconds: Math.round((before + (performance.now() - t0) / 1000) * 10) / 10,
    parameters,
    mse,
    curve,
    examples,
    reference: { zeroPredictorMse: ZERO_PREDICTOR_MSE, oracleMse: 0 },
    config,
  };
}
