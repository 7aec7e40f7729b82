import * as tf from '@tensorflow/tfjs';
import { Rng } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { __CLASS__ } from './__CLASS__.js';

/**
 * Nested Monte Carlo EIG through the simulator's own prior, noise, simulate and logLikelihood:
 * mean_i [log p(y_i | θ_i) − log mean_j p(y_i | θ'_j)], N outer and M inner draws. Returns the
 * estimate and its standard error.
 */
function nestedMcEig(sim: __CLASS__, design: number[], n: number, m: number, rng: Rng): { value: number; se: number } {
  const terms = tf.tidy(() => {
    const d = tf.tensor1d(design);
    const theta = sim.samplePrior(n, rng);
    const y = sim.simulate(theta, d, sim.sampleNoise(n, rng));
    const own = tf.sum(tf.mul(sim.logLikelihood(y, theta, d), tf.eye(n)), 1); // diag without gather
    const inner = sim.logLikelihood(y, sim.samplePrior(m, rng), d); // [n, m]
    return tf.sub(own, tf.sub(tf.logSumExp(inner, 1), Math.log(m))).arraySync() as number[];
  });
  const mean = terms.reduce((a, v) => a + v, 0) / n;
  const sd = Math.sqrt(terms.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  return { value: mean, se: sd / Math.sqrt(n) };
}

describe('__CLASS__', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('its closed-form EIG matches nested Monte Carlo through simulate and logLikelihood (ground truth)', () => {
    const sim = new __CLASS__({ designs: 2, noiseSd: 0.5 });
    for (const design of [[0.3, -0.2], [1, -1]]) {
      const { value, se } = nestedMcEig(sim, design, 1000, 1000, new Rng(7));
      const truth = sim.analyticEig(design);
      expect(Math.abs(value - truth), `design ${design}: NMC ${value} ± ${se} vs ${truth}`).toBeLessThan(4 * se + 0.02);
    }
  }, 60_000);

  it('simulate is differentiable in the design: d mean(θ·y_k)/d d_k = E[θ²] = priorSd²', () => {
    const sim = new __CLASS__({ priorSd: 2 });
    const rng = new Rng(3);
    const theta = sim.samplePrior(4000, rng);
    const noise = sim.sampleNoise(4000, rng);
    const g = tf.grad((d: tf.Tensor) => tf.mean(tf.mul(theta, sim.simulate(theta, d as tf.Tensor1D, noise))))(tf.tensor1d([0.5]));
    const expected = tf.mean(tf.square(theta)).dataSync()[0]!;
    expect(g.dataSync()[0]).toBeCloseTo(expected, 3);
    expect(Math.abs(expected - 4)).toBeLessThan(0.4);
    tf.dispose([theta, g, ...Object.values(noise)]);
  }, 30_000);

  it('rejects bad options and shapes, naming the field and itself', () => {
    expect(() => new __CLASS__({ noiseSd: 0 })).toThrow(/simulator\.options\.noiseSd: .*\(simulator "__ID__"\)/);
    const sim = new __CLASS__({ designs: 2 });
    expect(() => sim.simulate(tf.zeros([3, 1]) as tf.Tensor2D, tf.zeros([3]) as tf.Tensor1D, sim.sampleNoise(3, new Rng(0)))).toThrow(/__ID__/);
  });
});
