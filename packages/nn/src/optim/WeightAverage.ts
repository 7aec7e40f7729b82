import * as tf from '@tensorflow/tfjs';
import { BedError } from '@infobed/core';

/**
 * Exponential moving average of a model's weights (Polyak-style averaging of the iterates), to
 * read a trained model out with averaged weights while it trains on the live ones. The shadow
 * starts at the weights given and each `update()` moves it towards the current weights with
 * `min(decay, (1 + n) / (10 + n))` (n = updates so far: TensorFlow's `ExponentialMovingAverage`
 * with `num_updates`, so the start weights fade quickly in the first steps). `decay = 1 − 1/N`
 * averages over roughly the last N steps. Owns its shadow tensors: call `dispose()`.
 */
export class WeightAverage {
  private readonly shadow: tf.Variable[];
  private n = 0;

  constructor(
    /** The live variables (any shapes), in a fixed order. */
    private readonly vars: readonly tf.Variable[],
    readonly decay: number,
  ) {
    if (!(decay > 0 && decay < 1)) throw new BedError('invalidArgument', `WeightAverage.decay: expected a number in (0, 1), got ${decay}`);
    this.shadow = vars.map((v) => tf.tidy(() => tf.variable(tf.add(v, 0), false)));
  }

  /** Updates so far. */
  get updates(): number {
    return this.n;
  }

  /** shadow ← d·shadow + (1 − d)·live, d = min(decay, (1 + n) / (10 + n)). */
  update(): void {
    const d = Math.min(this.decay, (1 + this.n) / (10 + this.n));
    tf.tidy(() => this.shadow.forEach((s, i) => s.assign(tf.add(tf.mul(s, d), tf.mul(this.vars[i]!, 1 - d)))));
    this.n++;
  }

  /** Runs `fn` with the averaged weights in the live variables, then puts the live weights back (also on throw). */
  withAveraged<T>(fn: () => T): T {
    const live = this.vars.map((v) => tf.tidy(() => tf.add(v, 0)));
    this.vars.forEach((v, i) => v.assign(this.shadow[i]!));
    try {
      return fn();
    } finally {
      this.vars.forEach((v, i) => v.assign(live[i]!));
      tf.dispose(live);
    }
  }

  dispose(): void {
    tf.dispose(this.shadow);
  }
}
