import * as tf from '@tensorflow/tfjs';
import { BedError, Rng, selectBackend } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LinearGaussianSimulator } from './LinearGaussianSimulator.js';
import { LinearGaussianOptionsSchema, NoisyLinearOptionsSchema, parseOptions } from './linearOptions.js';
import { NoisyLinearSimulator } from './NoisyLinearSimulator.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const lg = (o: object = {}) => new LinearGaussianSimulator(parseOptions(LinearGaussianOptionsSchema, 'linear-gaussian', o));
const nl = (o: object = {}) => new NoisyLinearSimulator(parseOptions(NoisyLinearOptionsSchema, 'noisy-linear', o));

describe('LinearGaussianSimulator.analyticEig', () => {
  // specs/simulators.md §1.2 (prior 9I): σ² = 1 and σ² = 9 columns.
  it.each([
    [1, [0], 1.1513], [1, [1], 1.4722], [1, [2], 1.9143], [1, [5], 2.7298], [1, [10], 3.4067],
    [3, [0], 0.3466], [3, [2], 0.8959], [3, [10], 2.3125],
    [1, Array(10).fill(0), 2.2554], [1, Array(10).fill(2), 3.0557], [1, [...Array(5).fill(-2), ...Array(5).fill(2)], 5.1999],
    [3, Array(10).fill(0), 1.1989], [3, [...Array(5).fill(-2), ...Array(5).fill(2)], 3.0557],
  ])('σ = %d, d = %j → %d nats', (sd, d, eig) => {
    const sim = lg({ designs: d.length, noiseSd: sd, lower: -10, upper: 10 });
    expect(sim.analyticEig(d)).toBeCloseTo(eig, 3);
  });
});

describe('linear models: sampling', () => {
  it('Gamma noise has mean 4 and variance 8 (scale parameterisation), Gaussian part variance 1', () => {
    const noise = nl().sampleNoise(20000, new Rng(1));
    const g = noise.gamma!;
    const mean = tf.mean(g).dataSync()[0]!;
    const variance = tf.moments(g).variance.dataSync()[0]!;
    // 200k draws: se(mean) = sqrt(8/2e5) ≈ 0.0063, se(var) ≈ 0.05.
    expect(mean).toBeGreaterThan(4 - 0.03);
    expect(mean).toBeLessThan(4 + 0.03);
    expect(Math.abs(variance - 8)).toBeLessThan(0.25);
    expect(Math.abs(tf.moments(noise.eps!).variance.dataSync()[0]! - 1)).toBeLessThan(0.03);
  });

  it('y has the model mean and its design gradient is θ₁ (pathwise)', () => {
    const sim = nl({ designs: 3 });
    const theta = tf.tensor2d([[1, 2], [-1, 0.5]]);
    const noise = sim.sampleNoise(2, new Rng(2));
    const d = tf.tensor1d([0.5, -1, 2]);
    const y = sim.simulate(theta, d, noise).arraySync();
    const nz = tf.add(noise.eps!, noise.gamma!).arraySync() as number[][];
    expect(y[0]![2]).toBeCloseTo(1 + 2 * 2 + nz[0]![2]!, 4);
    const g = tf.grad((x: tf.Tensor) => tf.sum(sim.simulate(theta, x as tf.Tensor1D, noise)))(d).arraySync();
    expect(g).toEqual([2.5, 2.5, 2.5]);
  });

  it('same seed → same prior and noise', () => {
    const a = nl().samplePrior(5, new Rng(3)).arraySync();
    const b = nl().samplePrior(5, new Rng(3)).arraySync();
    expect(a).toEqual(b);
  });
});

describe('LinearGaussianSimulator.logLikelihood', () => {
  it('equals the Gaussian log density computed by hand', () => {
    const sim = lg({ designs: 2, noiseSd: 1.5 });
    const y = tf.tensor2d([[0.3, -1]]);
    const th = tf.tensor2d([[0.1, 0.2], [1, -1]]);
    const ll = sim.logLikelihood(y, th, tf.tensor1d([1, 2])).arraySync()[0]!;
    const ref = [[0.1, 0.2], [1, -1]].map(([a, b]) => {
      const mu = [a! + b! * 1, a! + b! * 2];
      return [0.3, -1].reduce((s, v, j) => s - 0.5 * ((v - mu[j]!) / 1.5) ** 2 - Math.log(1.5 * Math.sqrt(2 * Math.PI)), 0);
    });
    expect(ll[0]).toBeCloseTo(ref[0]!, 4);
    expect(ll[1]).toBeCloseTo(ref[1]!, 4);
  });
});

describe('options and shapes', () => {
  it('names the bad field', () => {
    expect(() => nl({ priorSd: -1 })).toThrow(/simulator\.options\.priorSd/);
    expect(() => nl({ lower: 3, upper: 2 })).toThrow(/simulator\.options\.lower/);
    expect(() => lg({ noise: 1 })).toThrow(BedError);
  });

  it('rejects a design of the wrong length with shapeMismatch', () => {
    const sim = nl({ designs: 3 });
    const noise = sim.sampleNoise(2, new Rng(1));
    expect(() => sim.simulate(tf.zeros([2, 2]) as tf.Tensor2D, tf.zeros([4]) as tf.Tensor1D, noise)).toThrow(/design must be \[3\]/);
    expect(() => sim.designSpace.validate([0, 1, 5], 'design')).toThrow(/design\[2\]: 5 is outside/);
  });
});
