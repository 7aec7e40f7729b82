import * as tf from '@tensorflow/tfjs';
import { BedError, Rng, selectBackend } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { EpidemicSimulator } from './EpidemicSimulator.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const small = { paths: 16, dt: 0.05, T: 3 };

/** Ĩ(τ) straight from the stored grid. */
const interp = (sim: EpidemicSimulator, row: number, tau: number): number => {
  const { infected, gridSize, spacing } = sim.bank;
  const k = Math.floor(tau / spacing);
  const w = tau / spacing - k;
  return (1 - w) * infected[row * gridSize + k]! + w * infected[row * gridSize + k + 1]!;
};

describe(EpidemicSimulator, () => {
  const sir = new EpidemicSimulator('sir', small);
  const times = [12.34, 40.07, 77.71];

  it('observes the linearly interpolated stored path of each θ', () => {
    const th = sir.samplePrior(5, new Rng(1));
    const rows = sir.rowsOf(th);
    const y = sir.simulate(th, tf.tensor1d(times), sir.sampleNoise(5, new Rng(2))).arraySync();
    rows.forEach((r, i) => times.forEach((t, j) => expect(y[i]![j]).toBeCloseTo(interp(sir, r, t), 3)));
  });

  it('design gradient = central finite difference of the interpolated path (step = grid spacing)', () => {
    const th = sir.samplePrior(6, new Rng(3));
    const noise = sir.sampleNoise(6, new Rng(4));
    const g = tf.grad((d: tf.Tensor) => tf.sum(sir.simulate(th, d as tf.Tensor1D, noise)))(tf.tensor1d(times)).dataSync();
    const h = sir.bank.spacing;
    const rows = sir.rowsOf(th);
    times.forEach((t, j) => {
      const fd = Array.from(rows).reduce((acc, r) => acc + (interp(sir, r, t + h) - interp(sir, r, t - h)) / (2 * h), 0);
      expect(Number.isFinite(g[j]!)).toBe(true);
      expect(Math.abs(g[j]! - fd)).toBeLessThan(1e-3 * Math.max(1, Math.abs(fd)));
    });
  });

  it('Poisson observation: integer counts with mean φ·I, gradient of the Gaussian relaxation', () => {
    const sim = new EpidemicSimulator('sir', { ...small, T: 1, observation: 'poisson' });
    const th1 = sim.samplePrior(1, new Rng(5));
    const row = sim.rowsOf(th1)[0]!;
    const tau = 20.05;
    const n = 2000;
    const th = tf.tile(th1, [n, 1]) as tf.Tensor2D;
    const noise = sim.sampleNoise(n, new Rng(6));
    const y = Array.from(sim.simulate(th, tf.tensor1d([tau]), noise).dataSync());
    y.forEach((v) => expect(Number.isInteger(v) && v >= 0).toBe(true));
    const lam = 0.95 * Math.max(0, interp(sim, row, tau));
    const mean = y.reduce((a, b) => a + b, 0) / n;
    expect(Math.abs(mean - lam)).toBeLessThan(4 * Math.sqrt(Math.max(lam, 1) / n));
    // Gradient: d/dτ [φĨ + √(φĨ)·z] summed over the batch.
    const g = tf.grad((d: tf.Tensor) => tf.sum(sim.simulate(th, d as tf.Tensor1D, noise)))(tf.tensor1d([tau])).dataSync()[0]!;
    const h = sim.bank.spacing;
    const slope = (interp(sim, row, tau + h) - interp(sim, row, tau - h)) / (2 * h);
    const z = noise['z']!.dataSync();
    let want = 0;
    z.forEach((zi, i) => (want += y[i] === 0 || lam <= 0 ? 0 : 0.95 * slope * (1 + zi / (2 * Math.sqrt(lam)))));
    expect(Math.abs(g - want)).toBeLessThan(1e-3 * Math.max(1, Math.abs(want)));
    tf.dispose([th1, th, noise['z']!]);
  });

  it('builds SEIR banks with θ = (β, σ, γ)', () => {
    const seir = new EpidemicSimulator('seir', small);
    const th = seir.samplePrior(4, new Rng(7));
    expect(th.shape).toEqual([4, 3]);
    expect(seir.simulate(th, tf.tensor1d(times), seir.sampleNoise(4, new Rng(8))).shape).toEqual([4, 3]);
  });

  it('finds the bank path of a copied θ tensor by its values', () => {
    const th = sir.samplePrior(5, new Rng(21));
    const copy = tf.tensor2d(th.arraySync());
    expect(Array.from(sir.rowsOf(copy))).toEqual(Array.from(sir.rowsOf(th)));
    tf.dispose([th, copy]);
  });

  it('rejects θ that is not a bank path, wrong design shapes and out-of-range designs', () => {
    try {
      sir.simulate(tf.tensor2d([[0.5, 0.1]]), tf.tensor1d(times), {});
      expect.unreachable();
    } catch (e) {
      expect(BedError.is(e, 'invalidArgument')).toBe(true);
      expect((e as Error).message).toMatch(/theta row 0 is not a pre-simulated path/);
    }
    const th = sir.samplePrior(2, new Rng(9));
    expect(() => sir.simulate(th, tf.tensor1d([1, 2]), {})).toThrow(/design must be \[3\]/);
    expect(() => sir.designSpace.validate([1, 2, 101], 'design')).toThrow(/design\[2\].*outside/);
    expect(() => new EpidemicSimulator('sir', { T: 0 })).toThrow(/simulator\.options\.T: .*\(simulator "sir"\)/);
  });

  it('leaks no tensors (forward and gradient)', () => {
    const rng = new Rng(10);
    const before = tf.memory().numTensors;
    const th = sir.samplePrior(4, rng);
    const noise = sir.sampleNoise(4, rng);
    const d = tf.tensor1d(times);
    const y = sir.simulate(th, d, noise);
    const g = tf.grad((x: tf.Tensor) => tf.sum(sir.simulate(th, x as tf.Tensor1D, noise)))(d);
    tf.dispose([th, noise['z']!, d, y, g]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('ModelChoiceSimulator (sir-vs-seir)', () => {
  it('observes the SIR bank for m = 0 and the SEIR bank for m = 1, with the banks\' gradients', async () => {
    const { ModelChoiceSimulator } = await import('./ModelChoiceSimulator.js');
    const md = new ModelChoiceSimulator({ paths: 10, dt: 0.05 });
    expect(md.obsDim).toBe(2);
    const theta = tf.tensor2d([[0], [1], [1], [0]]);
    const noise = { path: tf.tensor1d([0.05, 0.05, 0.93, 0.5]), z: tf.zeros([4, 2]) };
    const times = [15.55, 48.02];
    const y = md.simulate(theta, tf.tensor1d(times), noise).arraySync();
    const rows = [0, 0, 9, 5];
    const banks = [md.sir, md.seir, md.seir, md.sir];
    y.forEach((row, i) => times.forEach((t, j) => expect(row[j]).toBeCloseTo(interp(banks[i]!, rows[i]!, t), 3)));
    const g = tf.grad((d: tf.Tensor) => tf.sum(md.simulate(theta, d as tf.Tensor1D, noise)))(tf.tensor1d(times)).dataSync();
    const h = 0.1;
    times.forEach((t, j) => {
      const fd = banks.reduce((a, b, i) => a + (interp(b, rows[i]!, t + h) - interp(b, rows[i]!, t - h)) / (2 * h), 0);
      expect(Math.abs(g[j]! - fd)).toBeLessThan(1e-3 * Math.max(1, Math.abs(fd)));
    });
    const prior = md.samplePrior(400, new Rng(1)).dataSync();
    const ones = Array.from(prior).reduce((a, v) => a + v, 0);
    expect(Math.abs(ones - 200)).toBeLessThan(4 * 10); // Bernoulli(½): sd 10
    expect(() => md.simulate(tf.tensor2d([[2]]), tf.tensor1d(times), { path: tf.zeros([1]), z: tf.zeros([1, 2]) })).toThrow(/theta\[0\] must be 0/);
  });
});

describe('obsScale', () => {
  it('divides observations and their design gradient by obsScale', () => {
    const a = new EpidemicSimulator('sir', { paths: 6, dt: 0.05, T: 2 });
    const b = new EpidemicSimulator('sir', { paths: 6, dt: 0.05, T: 2, obsScale: 100 });
    const th = a.samplePrior(6, new Rng(1));
    const d = tf.tensor1d([13.3, 27.7]);
    const ya = Array.from(a.simulate(th, d, {}).dataSync());
    const yb = Array.from(b.simulate(th, d, {}).dataSync());
    ya.forEach((v, i) => expect(yb[i]).toBeCloseTo(v / 100, 4));
    const ga = tf.grad((x: tf.Tensor) => tf.sum(a.simulate(th, x as tf.Tensor1D, {})))(d).dataSync();
    const gb = tf.grad((x: tf.Tensor) => tf.sum(b.simulate(th, x as tf.Tensor1D, {})))(d).dataSync();
    ga.forEach((v, i) => expect(gb[i]).toBeCloseTo(v / 100, 4));
  });
});
