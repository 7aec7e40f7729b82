import * as tf from '@tensorflow/tfjs';
import { BedError, infoNceBound, type CriticFactory, type ObjectiveFactory, type ProgressTask, type Rng } from '@infobed/core';
import { FusedAdam } from '@infobed/nn';
import type { EstimateSettings } from './EstimateSettings.js';
import { rhoForMi } from './gaussianTruth.js';
import { sampleCorrelatedGaussian } from './sampleCorrelatedGaussian.js';

/** One point of a training curve. */
export interface TracePoint {
  /** Global step (1-based) at the end of the block. */
  readonly step: number;
  readonly trueMi: number;
  /** Mean of the objective's `mi` over the block. */
  readonly mi: number;
}

/** Per-stage window values of one run. */
export interface RunResult {
  /** `[stage][step in window]`: the objective's `mi` on each training batch. */
  readonly values: number[][];
  /** `[stage][step in window]`: the InfoNCE bound of the same scores. */
  readonly bounds: number[][];
  /** Training curve: mean `mi` over consecutive blocks of `traceEvery` steps (x = last step of the block). */
  readonly trace: readonly TracePoint[];
  readonly steps: number;
  readonly seconds: number;
  /** Numerical error that stopped the run (later stages then have no values). */
  readonly error?: string;
}

/**
 * Trains one fresh critic with one objective through the stepwise truth schedule (Adam, fresh
 * samples every step, critic carried over between stages) and records the last `average` steps of
 * each stage. Stops at a `BedError('numerical')`; other errors propagate. Leaks no tensors.
 */
export function trainRun(
  objectiveFactory: ObjectiveFactory,
  objectiveOptions: Readonly<Record<string, unknown>>,
  criticFactory: CriticFactory,
  criticOptions: Readonly<Record<string, unknown>>,
  s: EstimateSettings,
  rng: Rng,
  task: ProgressTask,
): RunResult {
  const objective = objectiveFactory.create(objectiveOptions);
  const critic = criticFactory.create({
    xDim: s.dim,
    yDim: s.dim,
    ...(objective.aux ? { aux: objective.aux } : {}),
    options: criticOptions,
    seed: rng.nextSeed(),
  });
  const optimiser = new FusedAdam(s.lr);
  const values: number[][] = [];
  const bounds: number[][] = [];
  const trace: TracePoint[] = [];
  const every = s.traceEvery ?? Math.max(1, Math.round(s.stepsPerStage / 50));
  let block = 0;
  let blockN = 0;
  let steps = 0;
  let error: string | undefined;
  const t0 = performance.now();
  try {
    for (const mi of s.mi) {
      const rho = rhoForMi(s.dim, mi);
      const v: number[] = [];
      const bd: number[] = [];
      values.push(v);
      bounds.push(bd);
      for (let k = 0; k < s.stepsPerStage; k++) {
        // `mi` is read back every step (one scalar: the training curve); the bound only in the window.
        const record = k >= s.stepsPerStage - s.average;
        const report = (steps + 1) % 25 === 0;
        let kept: tf.Scalar[] = [];
        tf.tidy(() => {
          const { x, y } = sampleCorrelatedGaussian(s.batch, s.dim, rho, s.transform === 'cubic', rng);
          optimiser.minimize(() => {
            const batch = critic.scores(x, y);
            const out = objective.evaluate(batch);
            kept = [tf.keep(out.mi), ...(record ? [tf.keep(infoNceBound(batch.scores))] : [])];
            return out.loss;
          }, false, [...critic.variables]);
        });
        const [m, b] = kept.map((t) => t.dataSync()[0]!);
        tf.dispose(kept);
        if (!Number.isFinite(m)) throw new BedError('numerical', `${objective.id}: mi is ${m} at step ${steps + 1}`);
        steps++;
        block += m!;
        blockN++;
        if (blockN === every || k === s.stepsPerStage - 1) {
          trace.push({ step: steps, trueMi: mi, mi: block / blockN });
          block = 0;
          blockN = 0;
        }
        if (record) {
          v.push(m!);
          bd.push(b!);
        }
        if (report) task.update(steps, { trueMi: mi, mi: m!.toFixed(3) });
      }
    }
  } catch (e) {
    if (!BedError.is(e, 'numerical')) throw e;
    error = e.message;
  } finally {
    optimiser.dispose();
    critic.dispose();
  }
  return { values, bounds, trace, steps, seconds: (performance.now() - t0) / 1000, ...(error ? { error } : {}) };
}
