import * as tf from '@tensorflow/tfjs';
import { BedError, infoNceBound, type Critic, type CriticFactory, type MiObjective, type MiTask, type ObjectiveFactory, type ProgressTask, type Rng } from '@infobed/core';
import { FusedAdam, WeightAverage } from '@infobed/nn';
import type { EstimateSettings } from './EstimateSettings.js';
import { heldOutEstimate } from './heldOutEstimate.js';
import { stageLearningRate } from './stageLearningRate.js';

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
  /** `[stage]`: the objective's `mi` averaged over `heldOut` fresh pairs after the stage (NaN when `heldOut` is 0). */
  readonly heldOut: number[];
  /** Training curve: mean `mi` over consecutive blocks of `traceEvery` steps (x = last step of the block). */
  readonly trace: readonly TracePoint[];
  readonly steps: number;
  /** Wall-clock seconds of training (without the held-out evaluation). */
  readonly seconds: number;
  /** Numerical error that stopped the run (later stages then have no values). */
  readonly error?: string;
}

/** Optional callbacks of `trainRun`. */
export interface TrainRunHooks {
  /** Awaited after every step (checkpoints, signals: `Checkpointer.atStep`). */
  readonly tick?: () => Promise<void>;
  /** Called with the fresh critic before the first step (its initial weights). */
  readonly start?: (critic: Critic) => void;
  /** Called with the critic after every training step (1-based global step; diagnostics: `scripts/floHeldOutSets.ts`). */
  readonly afterStep?: (critic: Critic, step: number, objective: MiObjective, stage: MiTask) => void;
  /**
   * Called with the trained critic after each stage, before its held-out estimate and with the
   * same weights (the averaged ones when `emaDecay` is set).
   */
  readonly afterStage?: (critic: Critic, objective: MiObjective, stage: MiTask, index: number) => void;
}

/**
 * Trains one fresh critic with one objective through `stages` (each a task with its true MI:
 * the stepwise Gaussian schedule, or one benchmark task), `s.stepsPerStage` Adam steps per stage
 * on fresh samples (learning rate `s.lr`, constant or cosine-annealed per stage: `s.lrSchedule`), the
 * critic carried over between stages. Records the last `s.average` steps of
 * each stage and, after each stage, the held-out estimate on `s.heldOut` fresh pairs (stream
 * `rng.fork('held-out<k>')`, so the training stream does not depend on it). With `s.emaDecay` the
 * held-out estimate reads the critic with an exponential moving average of its weights
 * (`WeightAverage`; training and the training-batch values use the live weights). Stops at a
 * `BedError('numerical')`; other errors propagate. Leaks no tensors.
 */
export async function trainRun(
  objectiveFactory: ObjectiveFactory,
  objectiveOptions: Readonly<Record<string, unknown>>,
  criticFactory: CriticFactory,
  criticOptions: Readonly<Record<string, unknown>>,
  stages: readonly MiTask[],
  s: EstimateSettings,
  rng: Rng,
  task: ProgressTask,
  hooks: TrainRunHooks = {},
): Promise<RunResult> {
  const { tick, start, afterStep, afterStage } = hooks;
  const objective: MiObjective = objectiveFactory.create(objectiveOptions);
  const first = stages[0]!;
  const critic = criticFactory.create({
    xDim: first.xDim,
    yDim: first.yDim,
    ...(objective.aux ? { aux: objective.aux } : {}),
    options: criticOptions,
    seed: rng.nextSeed(),
  });
  const optimiser = new FusedAdam(s.lr);
  const average = s.emaDecay !== undefined ? new WeightAverage(critic.variables, s.emaDecay) : undefined;
  start?.(critic);
  const values: number[][] = [];
  const bounds: number[][] = [];
  const heldOut: number[] = [];
  const trace: TracePoint[] = [];
  const every = s.traceEvery ?? Math.max(1, Math.round(s.stepsPerStage / 50));
  let block = 0;
  let blockN = 0;
  let steps = 0;
  let error: string | undefined;
  let seconds = 0;
  try {
    for (const [stage, t] of stages.entries()) {
      const v: number[] = [];
      const bd: number[] = [];
      values.push(v);
      bounds.push(bd);
      const t0 = performance.now();
      for (let k = 0; k < s.stepsPerStage; k++) {
        // `mi` is read back every step (one scalar: the training curve); the bound only in the window.
        const record = k >= s.stepsPerStage - s.average;
        const report = (steps + 1) % 25 === 0;
        optimiser.learningRate = stageLearningRate(s, k);
        let kept: tf.Scalar[] = [];
        tf.tidy(() => {
          const { x, y } = t.sample(s.batch, rng);
          optimiser.minimize(() => {
            const batch = critic.scores(x, y);
            const out = objective.evaluate(batch);
            kept = [tf.keep(out.mi), ...(record ? [tf.keep(infoNceBound(batch.scores))] : [])];
            return out.loss;
          }, false, [...critic.variables]);
        });
        const [m, b] = kept.map((x) => x.dataSync()[0]!);
        tf.dispose(kept);
        if (!Number.isFinite(m)) throw new BedError('numerical', `${objective.id}: mi is ${m} at step ${steps + 1}`);
        steps++;
        average?.update();
        afterStep?.(critic, steps, objective, t);
        block += m!;
        blockN++;
        if (blockN === every || k === s.stepsPerStage - 1) {
          trace.push({ step: steps, trueMi: t.trueMi, mi: block / blockN });
          block = 0;
          blockN = 0;
        }
        if (record) {
          v.push(m!);
          bd.push(b!);
        }
        if (report) task.update(steps, { trueMi: +t.trueMi.toFixed(3), mi: m!.toFixed(3) });
        await tick?.();
      }
      seconds += (performance.now() - t0) / 1000;
      const readOut = (): number => {
        afterStage?.(critic, objective, t, stage);
        return s.heldOut > 0 ? heldOutEstimate(objective, critic, t, s.heldOut, s.batch, rng.fork(`held-out${stage}`)) : Number.NaN;
      };
      heldOut.push(average ? average.withAveraged(readOut) : readOut());
    }
  } catch (e) {
    if (!BedError.is(e, 'numerical')) throw e;
    error = e.message;
  } finally {
    optimiser.dispose();
    average?.dispose();
    critic.dispose();
  }
  return { values, bounds, heldOut, trace, steps, seconds, ...(error ? { error } : {}) };
}
