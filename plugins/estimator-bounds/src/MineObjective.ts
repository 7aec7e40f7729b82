import * as tf from '@tensorflow/tfjs';
import { assertSquare, diagPart, stopGradient, type MiObjective, type ObjectiveOutput, type ScoreBatch } from '@infobed/core';
import * as z from 'zod';
import { offDiagLogMeanExp, valueWithGradOf } from './scoreOps.js';

export const MineOptionsSchema = z
  .object({
    /** EMA momentum of the partition estimate (0 ⇒ identical to DV). */
    momentum: z.number().min(0).lt(1).default(0.9),
    /** Initial buffer m̄₀. */
    initialBuffer: z.number().positive().default(1),
    /**
     * `ema`: carry m̄ forward (a true moving average). `reference`: carry the batch's m, as the
     * SMILE / mibenchmark code does (its "EMA" then mixes only two batches).
     */
    bufferUpdate: z.enum(['ema', 'reference']).default('ema'),
  })
  .strict();
export type MineOptions = z.infer<typeof MineOptionsSchema>;

/**
 * MINE (Belghazi et al. 2018; specs/estimators.md §3.5), type 2. Value = DV. Gradient = that of
 * `mean_i S_ii − m/m̄` with `m = mean_{i≠j} e^{S_ij}` and the constant
 * `m̄ = max(1e-4, momentum·buffer + (1−momentum)·m)`.
 *
 * **Stateful:** every `evaluate` advances the buffer (call it once per training step; `reset()`
 * restarts). It reads m (one scalar sync) to form the constant m̄.
 */
export class MineObjective implements MiObjective {
  static readonly id = 'mine';
  readonly id = MineObjective.id;
  readonly type = 2 as const;
  private buffer: number;
  /** m and m̄ of the last call (diagnostics and tests). */
  last: { readonly partition: number; readonly bufferUsed: number } | undefined;

  constructor(readonly options: MineOptions) {
    this.buffer = options.initialBuffer;
  }

  saveState(): { buffer: number } {
    return { buffer: this.buffer };
  }

  restoreState(state: unknown): void {
    this.buffer = (state as { buffer: number }).buffer;
  }

  reset(): void {
    this.buffer = this.options.initialBuffer;
    this.last = undefined;
  }

  evaluate({ scores }: ScoreBatch): ObjectiveOutput {
    assertSquare(this.id, scores);
    const { momentum, bufferUpdate } = this.options;
    return tf.tidy(() => {
      const first = tf.mean(diagPart(scores));
      const logM = offDiagLogMeanExp(scores);
      const m = tf.exp(logM);
      const mValue = m.dataSync()[0]!;
      const mBar = Math.max(1e-4, momentum * this.buffer + (1 - momentum) * mValue);
      this.buffer = bufferUpdate === 'ema' ? mBar : mValue;
      this.last = { partition: mValue, bufferUsed: mBar };
      const value = tf.sub(first, logM) as tf.Scalar;
      const surrogate = tf.sub(first, tf.div(m, mBar)) as tf.Scalar;
      return { loss: tf.neg(valueWithGradOf(value, surrogate, stopGradient)) as tf.Scalar, mi: stopGradient(value) };
    });
  }
}
