import * as tf from '@tensorflow/tfjs';
import { BedError, selectBackend } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FusedAdam } from './FusedAdam.js';
import { WeightAverage } from './WeightAverage.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('WeightAverage', () => {
  it('follows the EMA recursion with the num_updates warm-up, computed in plain JS', () => {
    const w = tf.variable(tf.tensor1d([1, -2]));
    const avg = new WeightAverage([w], 0.5);
    let ref = [1, -2];
    const targets = [[3, 0], [5, 4], [-1, 2], [0, 0]];
    targets.forEach((t, n) => {
      w.assign(tf.tensor1d(t));
      avg.update();
      const d = Math.min(0.5, (1 + n) / (10 + n));
      ref = ref.map((s, i) => d * s + (1 - d) * t[i]!);
    });
    expect(avg.updates).toBe(4);
    const read = avg.withAveraged(() => Array.from(w.dataSync()));
    read.forEach((v, i) => expect(v).toBeCloseTo(ref[i]!, 5));
    // The live weights are back afterwards.
    expect(Array.from(w.dataSync())).toEqual([0, 0]);
    avg.dispose();
    w.dispose();
  });

  it('puts the live weights back after a throw, keeps Adam training them, and leaks no tensors', () => {
    const w = tf.variable(tf.tensor1d([0.5, 0.5, 0.5]), true);
    const before = tf.memory().numTensors;
    const opt = new FusedAdam(0.1);
    const avg = new WeightAverage([w], 0.9);
    const step = () =>
      tf.tidy(() => {
        opt.minimize(() => tf.sum(tf.square(tf.sub(w, tf.tensor1d([1, 2, 3])))) as tf.Scalar, false, [w]);
      });
    for (let i = 0; i < 5; i++) {
      step();
      avg.update();
    }
    const live = Array.from(w.dataSync());
    expect(() => avg.withAveraged(() => { throw new Error('boom'); })).toThrow('boom');
    expect(Array.from(w.dataSync())).toEqual(live);
    // The average lags the live weights (they move towards [1, 2, 3] from 0.5).
    const averaged = avg.withAveraged(() => Array.from(w.dataSync()));
    averaged.forEach((v, i) => expect(v).toBeLessThan(live[i]!));
    step();
    expect(Array.from(w.dataSync())[2]).toBeGreaterThan(live[2]!);
    avg.dispose();
    opt.dispose();
    expect(tf.memory().numTensors).toBe(before);
    w.dispose();
  });

  it('rejects a decay outside (0, 1), naming it', () => {
    const w = tf.variable(tf.scalar(1));
    expect(() => new WeightAverage([w], 1)).toThrow(BedError);
    expect(() => new WeightAverage([w], 0)).toThrow(/WeightAverage.decay/);
    w.dispose();
  });
});
