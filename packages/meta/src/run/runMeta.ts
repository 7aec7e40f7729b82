import * as tf from '@tensorflow/tfjs';
import { silentProgress, type ProgressReporter, type Rng } from '@infobed/core';
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

/**
 * Meta-trains `config.method` on sine tasks, tracking validation MSE (fixed tasks, training K)
 * every `evalEvery` iterations, then evaluates on the fixed 600-task test set (specs/meta-learning.md §4).
 * Streams: train / validation / model from `rng`, test from `config.testSeed` alone.
 */
export function runMeta(config: MetaConfig, rng: Rng, progress: ProgressReporter = silentProgress): MetaResult {
  const t0 = performance.now();
  const streams = metaStreams(rng, config.testSeed);
  const tr = config.training;
  const isMaml = config.method === 'maml' || config.method === 'fomaml';
  const trainSteps = isMaml ? config.maml.innerSteps : 0;
  const val = sampleSineEpisode(streams.validation, tr.validationTasks, tr.supportShots + tr.validationQueries, config.task.noiseStd);
  const valSupport = slicePoints(val, 0, tr.supportShots);
  const valQuery = slicePoints(val, tr.supportShots, tr.validationQueries);
  const learner = makeLearner(config, streams.model);
  const curve: CurvePoint[] = [];
  const task = progress.start(`meta ${config.method}`, tr.iterations);
  try {
    curve.push({ iteration: 0, validationMse: validationMse(learner, valSupport, valQuery, trainSteps), trainLoss: Number.NaN });
    let lossSum = 0;
    let miSum = 0;
    let count = 0;
    for (let it = 1; it <= tr.iterations; it++) {
      const s = learner.trainStep(sampleSupportQuery(streams.train, tr.tasksPerEpisode, tr.supportShots, tr.queryPoints, config.task.noiseStd));
      lossSum += s.loss;
      miSum += s.mi ?? 0;
      count++;
      if (it % tr.evalEvery === 0 || it === tr.iterations) {
        const v = validationMse(learner, valSupport, valQuery, trainSteps);
        curve.push({ iteration: it, validationMse: v, trainLoss: lossSum / count, ...(isMaml ? {} : { mi: miSum / count }) });
        task.update(it, { val: v.toFixed(3), ...(isMaml ? {} : { mi: (miSum / count).toFixed(3) }) });
        lossSum = miSum = count = 0;
      }
    }
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
    seconds: Math.round((performance.now() - t0) / 100) / 10,
    parameters,
    mse,
    curve,
    examples,
    reference: { zeroPredictorMse: ZERO_PREDICTOR_MSE, oracleMse: 0 },
    config,
  };
}
