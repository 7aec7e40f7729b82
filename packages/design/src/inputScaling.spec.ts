import * as tf from '@tensorflow/tfjs';
import { Rng, selectBackend, type Critic } from '@infobed/core';
import { LinearGaussianOptionsSchema, LinearGaussianSimulator } from '@infobed/simulator-noisy-linear';
import { beforeAll, describe, expect, it } from 'vitest';
import { measureInputScaling, StandardisedCritic } from './inputScaling.js';

beforeAll(async () => {
  await selectBackend('cpu');
});

describe('measureInputScaling', () => {
  it('recovers the prior and prior-predictive moments of the linear-Gaussian model', () => {
    // θ ~ N(0, 3² I₂); y_j = θ₀ + θ₁ d_j + N(0, 3²) ⇒ sd(y_j) = 3 √(2 + d_j²).
    const sim = new LinearGaussianSimulator(LinearGaussianOptionsSchema.parse({}));
    const design = Array.from({ length: sim.designSpace.dim }, (_, j) => (j % 2 === 0 ? 2 : -1));
    const s = measureInputScaling(sim, design, new Rng(4), 20_000);
    s.xSd.forEach((v) => expect(v).toBeCloseTo(3, 1));
    s.xMean.forEach((v) => expect(Math.abs(v)).toBeLessThan(0.1));
    s.ySd.forEach((v, j) => expect(v / (3 * Math.sqrt(2 + design[j]! ** 2))).toBeCloseTo(1, 1));
  });
});

describe('StandardisedCritic', () => {
  it('scores the standardised inputs with the inner critic, shares its variables and frees its constants', () => {
    const w = tf.variable(tf.tensor2d([[1, 2], [3, -1]]));
    const seen: tf.Tensor2D[] = [];
    const inner: Critic = {
      id: 'toy',
      variables: [w],
      scores: (x, y) => {
        seen.push(tf.keep(x), tf.keep(y));
        return { scores: tf.matMul(tf.matMul(x, w), y, false, true) };
      },
      pairScores: (x, y) => tf.sum(tf.mul(tf.matMul(x, w), y), 1),
      dispose: () => w.dispose(),
    };
    const scaling = { xMean: [1, -2], xSd: [2, 0.5], yMean: [10, 0], ySd: [5, 1] };
    const critic = new StandardisedCritic(inner, scaling);
    expect(critic.variables).toEqual([w]);
    const before = tf.memory().numTensors;
    const x = tf.tensor2d([[3, -1], [1, -2]]);
    const y = tf.tensor2d([[15, 1], [10, -1]]);
    const s = tf.tidy(() => critic.scores(x, y).scores.arraySync());
    const p = tf.tidy(() => critic.pairScores(x, y).arraySync());
    expect(seen[0]!.arraySync()).toEqual([[1, 2], [0, 0]]);
    expect(seen[1]!.arraySync()).toEqual([[1, 1], [0, -1]]);
    // [1, 2]·W = [7, 0]; [0, 0]·W = 0.
    expect(s).toEqual([[7, 0], [0, 0]]);
    expect(p).toEqual([7, 0]);
    tf.dispose([x, y, ...seen]);
    expect(tf.memory().numTensors).toBe(before);
    critic.dispose();
    expect(tf.memory().numTensors).toBe(before - 5);
  });
});
