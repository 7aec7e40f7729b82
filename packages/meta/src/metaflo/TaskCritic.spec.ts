import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TaskCritic } from './TaskCritic.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe(TaskCritic, () => {
  it('returns [T·K, T] scores and [T·K] u, bounded by β_max and u_max, leaking nothing', () => {
    const c = new TaskCritic(3, 2, { hidden: [8], embed: 4, uHidden: [8], uMax: 5 }, 0);
    const z = tf.randomNormal([12, 3], 0, 50) as tf.Tensor2D;
    const e = tf.randomNormal([4, 2], 0, 50) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    const o = tf.tidy(() => c.apply(z, e));
    expect(o.scores.shape).toEqual([12, 4]);
    expect(o.u.shape).toEqual([12]);
    expect(Math.max(...Array.from(o.scores.dataSync()).map(Math.abs))).toBeLessThanOrEqual(10 + 1e-4);
    expect(Math.max(...Array.from(o.u.dataSync()).map(Math.abs))).toBeLessThanOrEqual(5);
    tf.dispose([o.scores, o.u]);
    expect(tf.memory().numTensors).toBe(before);
    c.dispose();
  });
});
