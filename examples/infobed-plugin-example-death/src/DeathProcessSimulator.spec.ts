import * as tf from '@tensorflow/tfjs';
import { Rng } from '@infobed/core';
import { nmcEig } from '@infobed/evaluate';
import { beforeAll, describe, expect, it } from 'vitest';
import { deathProcessEig, optimalDeathTime } from './deathProcessEig.js';
import { DeathProcessSimulator } from './DeathProcessSimulator.js';

const PRIOR = { population: 50, logRateMean: 0, logRateSd: 1 };

describe('death process: EIG by quadrature', () => {
  it('has its optimum at t ≈ 1.0 with EIG ≈ 1.50 nats (log b ~ N(0, 1), N = 50)', () => {
    const { t, eig } = optimalDeathTime(PRIOR);
    // Targets from the literature setting (Kleinegesse & Gutmann 2020); our quadrature: t* = 1.029, 1.5061 nats.
    expect(Math.abs(t - 1.0)).toBeLessThan(0.05);
    expect(Math.abs(eig - 1.5)).toBeLessThan(0.01);
    expect(deathProcessEig(PRIOR, 0.5)).toBeLessThan(eig - 0.05);
    expect(deathProcessEig(PRIOR, 2)).toBeLessThan(eig - 0.05);
  });

  it('converges: halving the rule changes nothing at 1e-6, and N = 1 matches the Bernoulli closed sum', () => {
    // N = 1, b = e^z: EIG = H(E[p]) − E[H(p)] with p = 1 − e^{−bt}; checked with an independent fine Riemann sum.
    const t = 0.7;
    let ep = 0;
    let eh = 0;
    let wsum = 0;
    for (let z = -9; z <= 9; z += 1e-4) {
      const w = Math.exp(-0.5 * z * z);
      const p = -Math.expm1(-Math.exp(z) * t);
      const h = p > 0 && p < 1 ? -(p * Math.log(p) + (1 - p) * Math.log(1 - p)) : 0;
      ep += w * p;
      eh += w * h;
      wsum += w;
    }
    ep /= wsum;
    const truth = -(ep * Math.log(ep) + (1 - ep) * Math.log(1 - ep)) - eh / wsum;
    expect(deathProcessEig({ ...PRIOR, population: 1 }, t)).toBeCloseTo(truth, 6);
  });
});

describe('DeathProcessSimulator', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('simulate + logLikelihood agree with the quadrature EIG (nested Monte Carlo, t = 1 and t = 0.3)', () => {
    const sim = new DeathProcessSimulator();
    for (const t of [1, 0.3]) {
      const est = nmcEig(sim, [t], { outer: 1000, inner: 1000 }, new Rng(11));
      expect(Math.abs(est.value - sim.analyticEig([t])), `t = ${t}: NMC ${est.value} ± ${est.stderr}`).toBeLessThan(4 * est.stderr + 0.02);
    }
  }, 60_000);

  it('counts are binomial: mean and variance of the fraction dead at t = 1 for log b = 0', () => {
    const sim = new DeathProcessSimulator();
    const rng = new Rng(5);
    const y = tf.tidy(() => sim.simulate(tf.zeros([4000, 1]) as tf.Tensor2D, tf.tensor1d([1]), sim.sampleNoise(4000, rng)));
    const v = Array.from(y.dataSync());
    const p = 1 - Math.exp(-1);
    const mean = v.reduce((a, x) => a + x, 0) / v.length;
    const variance = v.reduce((a, x) => a + (x - mean) ** 2, 0) / (v.length - 1);
    expect(Math.abs(mean - p)).toBeLessThan(4 * Math.sqrt(p * (1 - p) / 50 / 4000));
    expect(variance / (p * (1 - p) / 50)).toBeGreaterThan(0.9);
    expect(variance / (p * (1 - p) / 50)).toBeLessThan(1.1);
    expect(v.every((x) => Math.abs(x * 50 - Math.round(x * 50)) < 1e-5)).toBe(true); // whole counts
    y.dispose();
  });

  it('passes a design gradient: the surrogate d E[y]/dt matches the derivative of 1 − e^{−bt}', () => {
    const sim = new DeathProcessSimulator();
    const rng = new Rng(9);
    const theta = tf.zeros([4000, 1]) as tf.Tensor2D;
    const noise = sim.sampleNoise(4000, rng);
    const g = tf.grad((t: tf.Tensor) => tf.mean(sim.simulate(theta, t as tf.Tensor1D, noise)))(tf.tensor1d([0.8]));
    expect(g.dataSync()[0]).toBeCloseTo(Math.exp(-0.8), 1); // d/dt (1 − e^{−t}) at b = 1
    tf.dispose([theta, g, ...Object.values(noise)]);
  });

  it('rejects bad options and shapes, naming the field and itself', () => {
    expect(() => new DeathProcessSimulator({ population: 0 })).toThrow(/simulator\.options\.population: .*\(simulator "example-death"\)/);
    expect(() => new DeathProcessSimulator({ tMin: 3, tMax: 2 })).toThrow(/tMin: must be below tMax/);
    const sim = new DeathProcessSimulator();
    expect(() => sim.simulate(tf.zeros([3, 1]) as tf.Tensor2D, tf.tensor1d([1, 2]), sim.sampleNoise(3, new Rng(0)))).toThrow(/example-death/);
  });
});
