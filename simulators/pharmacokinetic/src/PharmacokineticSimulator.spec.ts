import * as tf from '@tensorflow/tfjs';
import { BedError, Rng, selectBackend } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PharmacokineticSimulator } from './PharmacokineticSimulator.js';
import { pkBaselineTimes } from './pkBaselineTimes.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** f(t; θ) in float64, straight from the model definition (specs/simulators.md §2). */
const f64 = ([ka, ke, v]: number[], t: number): number => (400 / v!) * (ka! / (ka! - ke!)) * (Math.exp(-ke! * t) - Math.exp(-ka! * t));
const sd64 = (f: number): number => Math.sqrt(0.01 * f * f + 0.1);

describe(PharmacokineticSimulator, () => {
  it('draws the log-normal prior with the stated moments', () => {
    const sim = new PharmacokineticSimulator();
    const th = sim.samplePrior(20_000, new Rng(1));
    const logs = tf.log(th);
    const { mean, variance } = tf.moments(logs, 0);
    const m = mean.arraySync() as number[];
    const v = variance.arraySync() as number[];
    [0, Math.log(0.1), Math.log(20)].forEach((mu, i) => expect(Math.abs(m[i]! - mu)).toBeLessThan(4 * Math.sqrt(0.05 / 20_000)));
    v.forEach((vi) => expect(Math.abs(vi - 0.05)).toBeLessThan(0.003)); // sd of a variance estimate ≈ 0.05·√(2/n) = 5e-4
    tf.dispose([th, logs, mean, variance]);
  });

  it('computes f(t; θ) and y = f + sd(f)·z like the model definition', () => {
    const sim = new PharmacokineticSimulator();
    const theta = [[1.2, 0.08, 18], [0.7, 0.15, 25]];
    const times = pkBaselineTimes(5);
    const z = [[0.3, -1, 0, 2, -0.5], [1, 1, -1, 0, 0.1]];
    const y = sim.simulate(tf.tensor2d(theta), tf.tensor1d(times), { z: tf.tensor2d(z) }).arraySync();
    theta.forEach((th, i) =>
      times.forEach((t, j) => {
        const f = f64(th, t);
        expect(y[i]![j]).toBeCloseTo(f + sd64(f) * z[i]![j]!, 4);
      }),
    );
  });

  it('has a likelihood that integrates to one over y (T = 2, 2-D trapezoid) and matches the density', () => {
    const sim = new PharmacokineticSimulator({ T: 2 });
    const th = [1.1, 0.09, 21];
    const times = [1.5, 12];
    const [f1, f2] = times.map((t) => f64(th, t)) as [number, number];
    const [s1, s2] = [sd64(f1), sd64(f2)];
    const n = 161;
    const grid = (f: number, s: number): number[] => Array.from({ length: n }, (_, k) => f - 8 * s + (16 * s * k) / (n - 1));
    const g1 = grid(f1, s1);
    const g2 = grid(f2, s2);
    const ys = g1.flatMap((a) => g2.map((b) => [a, b]));
    const ll = sim.logLikelihood(tf.tensor2d(ys), tf.tensor2d([th]), tf.tensor1d(times)).dataSync();
    const h1 = g1[1]! - g1[0]!;
    const h2 = g2[1]! - g2[0]!;
    let mass = 0;
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        const w = (a === 0 || a === n - 1 ? 0.5 : 1) * (b === 0 || b === n - 1 ? 0.5 : 1);
        mass += w * Math.exp(ll[a * n + b]!) * h1 * h2;
      }
    }
    expect(Math.abs(mass - 1)).toBeLessThan(1e-3);
    // One point against the float64 density.
    const y0 = [f1 + 0.7 * s1, f2 - 1.3 * s2];
    const exact = -0.5 * (0.49 + 1.69) - Math.log(s1) - Math.log(s2) - Math.log(2 * Math.PI);
    const got = sim.logLikelihood(tf.tensor2d([y0]), tf.tensor2d([th]), tf.tensor1d(times)).dataSync()[0]!;
    expect(got).toBeCloseTo(exact, 4);
  });

  it('returns the full [n, m] likelihood matrix', () => {
    const sim = new PharmacokineticSimulator();
    const rng = new Rng(3);
    const th = sim.samplePrior(4, rng);
    const design = tf.tensor1d(pkBaselineTimes(5));
    const y = sim.simulate(th, design, sim.sampleNoise(4, rng));
    const ll = sim.logLikelihood(y.slice([0, 0], [3, 5]), th, design);
    expect(ll.shape).toEqual([3, 4]);
    const m = ll.arraySync();
    // The generating θ is (almost always) the most likely of 4 for its own y.
    expect(m.filter((row, i) => row.indexOf(Math.max(...row)) === i).length).toBeGreaterThanOrEqual(2);
    tf.dispose([th, design, y, ll]);
  });

  it('gives a finite pathwise design gradient equal to finite differences of the model', () => {
    const sim = new PharmacokineticSimulator();
    const theta = [[1.2, 0.08, 18], [0.7, 0.15, 25], [1.0, 0.1, 20]];
    const z = [[0.3, -1, 0, 2, -0.5], [1, 1, -1, 0, 0.1], [0, 0.5, -0.5, 1, -1]];
    const times = [0.5, 2, 5, 12, 20];
    const g = tf.grad((d: tf.Tensor) => tf.sum(sim.simulate(tf.tensor2d(theta), d as tf.Tensor1D, { z: tf.tensor2d(z) })))(tf.tensor1d(times));
    const got = Array.from(g.dataSync());
    const h = 1e-5;
    const y64 = (th: number[], t: number, zz: number): number => f64(th, t) + sd64(f64(th, t)) * zz;
    const want = times.map((t, j) => theta.reduce((acc, th, i) => acc + (y64(th, t + h, z[i]![j]!) - y64(th, t - h, z[i]![j]!)) / (2 * h), 0));
    got.forEach((gi, j) => {
      expect(Number.isFinite(gi)).toBe(true);
      expect(Math.abs(gi - want[j]!)).toBeLessThan(1e-3 * Math.max(1, Math.abs(want[j]!)));
    });
    g.dispose();
  });

  it('rejects bad options naming the field', () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ T: 0 }, /simulator\.options\.T/],
      [{ priorLogVar: -1 }, /simulator\.options\.priorLogVar/],
      [{ priorLogMean: [0, 1] }, /simulator\.options\.priorLogMean/],
      [{ dose: 'a lot' }, /simulator\.options\.dose/],
      [{ doze: 400 }, /simulator\.options/],
    ];
    for (const [opts, re] of bad) {
      try {
        new PharmacokineticSimulator(opts);
        expect.unreachable(`accepted ${JSON.stringify(opts)}`);
      } catch (e) {
        expect(BedError.is(e, 'invalidConfig')).toBe(true);
        expect((e as Error).message).toMatch(re);
      }
    }
  });

  it('validates designs (length, bounds) and rejects wrong shapes', () => {
    const sim = new PharmacokineticSimulator();
    expect(() => sim.designSpace.validate([1, 2, 3], 'design')).toThrow(/design: expected 5/);
    expect(() => sim.designSpace.validate([1, 2, 3, 4, 25], 'design')).toThrow(/design\[4\].*outside/);
    expect(() => sim.simulate(tf.ones([2, 3]) as tf.Tensor2D, tf.ones([4]) as tf.Tensor1D, { z: tf.zeros([2, 5]) })).toThrow(/design must be \[5\]/);
    expect(() => sim.simulate(tf.ones([2, 3]) as tf.Tensor2D, tf.ones([5]) as tf.Tensor1D, {})).toThrow(/noise\.z/);
  });

  it('leaks no tensors', () => {
    const sim = new PharmacokineticSimulator();
    const rng = new Rng(5);
    const before = tf.memory().numTensors;
    const th = sim.samplePrior(8, rng);
    const noise = sim.sampleNoise(8, rng);
    const d = tf.tensor1d([1, 2, 3, 4, 5]);
    const y = sim.simulate(th, d, noise);
    const ll = sim.logLikelihood(y, th, d);
    const g = tf.grad((x: tf.Tensor) => tf.sum(sim.simulate(th, x as tf.Tensor1D, noise)))(d);
    tf.dispose([th, ...Object.values(noise), d, y, ll, g]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
