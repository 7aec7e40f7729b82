import * as tf from '@tensorflow/tfjs';
import { BedError, Rng, selectBackend } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { gaussianGammaLogPdf } from './gaussianGammaLogPdf.js';
import { NoisyLinearOptionsSchema, parseOptions } from './linearOptions.js';
import { NoisyLinearSimulator } from './NoisyLinearSimulator.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const nl = (o: object = {}) => new NoisyLinearSimulator(parseOptions(NoisyLinearOptionsSchema, 'noisy-linear', o));

/**
 * Ground truth independent of the closed form: log ∫₀^U Gamma(g; k, scale θ)·N(x − g; 0, s²) dg by
 * composite Simpson in float64, in log space (max-shifted), with 200,000 intervals.
 */
function refLogPdf(x: number, s: number, k: number, theta: number): number {
  const logGammaK = k === 1 || k === 2 ? 0 : Math.log(2); // Γ(1) = Γ(2) = 1, Γ(3) = 2
  const f = (g: number) =>
    (k === 1 ? 0 : g === 0 ? -Infinity : (k - 1) * Math.log(g)) - g / theta - k * Math.log(theta) - logGammaK - 0.5 * ((x - g) / s) ** 2 - Math.log(s * Math.sqrt(2 * Math.PI));
  const upper = Math.max(x, 0) + 15 * s + 60 * theta;
  const n = 200_000;
  const h = upper / n;
  const vals = new Float64Array(n + 1);
  let m = -Infinity;
  for (let i = 0; i <= n; i++) {
    vals[i] = f(i * h);
    if (vals[i]! > m) m = vals[i]!;
  }
  let acc = 0;
  for (let i = 0; i <= n; i++) acc += (i === 0 || i === n ? 1 : i % 2 ? 4 : 2) * Math.exp(vals[i]! - m);
  return m + Math.log((acc * h) / 3);
}

const evalPdf = (xs: number[], s: number, k: number, theta: number): number[] =>
  tf.tidy(() => Array.from(gaussianGammaLogPdf(tf.tensor1d(xs), s, k, theta).dataSync()));

describe('gaussianGammaLogPdf: the density of N(0, s²) + Gamma(k, scale θ)', () => {
  // The branch points sit at z = (x − s²/θ)/s ∈ {−8, 0, 8}: x = −7.5, 0.5, 8.5 for s = 1, θ = 2.
  const xs = [-40, -20, -7.51, -7.5, -7.49, -3, -1, 0, 0.49, 0.5, 0.51, 1, 2, 4, 8.49, 8.5, 8.51, 12, 20, 40];
  it.each([
    [1, 2, 2], // the GradBED noise
    [0.5, 2, 1],
    [2, 1, 0.5],
    [1, 1, 2], // exponentially modified Gaussian
  ])('s = %d, k = %d, θ = %d: matches float64 quadrature of the convolution from x = −40 to 40', (s, k, theta) => {
    const got = evalPdf(xs, s, k, theta);
    xs.forEach((x, i) => {
      const ref = refLogPdf(x, s, k, theta);
      expect(Math.abs(got[i]! - ref), `x = ${x}: ${got[i]} vs ${ref}`).toBeLessThanOrEqual(2e-4 + 1e-5 * Math.abs(ref));
    });
  });

  it.each([
    [1, 2, 2],
    [0.5, 1, 1],
  ])('s = %d, k = %d, θ = %d: integrates to 1, with mean kθ and variance s² + kθ²', (s, k, theta) => {
    const h = 0.005;
    const grid = Array.from({ length: Math.round(160 / h) + 1 }, (_, i) => -40 + i * h);
    const p = evalPdf(grid, s, k, theta).map(Math.exp);
    let z = 0;
    let m1 = 0;
    let m2 = 0;
    p.forEach((v, i) => {
      const w = i === 0 || i === p.length - 1 ? h / 2 : h;
      z += w * v;
      m1 += w * v * grid[i]!;
      m2 += w * v * grid[i]! ** 2;
    });
    expect(Math.abs(z - 1)).toBeLessThan(1e-4);
    expect(Math.abs(m1 - k * theta)).toBeLessThan(1e-3);
    expect(Math.abs(m2 - m1 * m1 - (s * s + k * theta * theta))).toBeLessThan(5e-3);
  });

  it("matches a histogram of the simulator's own noise draws (ε + ν, 200,000 draws, χ² test)", () => {
    const sim = nl({ designs: 10 });
    const noise = sim.sampleNoise(20_000, new Rng(11));
    const draws = tf.tidy(() => tf.add(noise.eps!, noise.gamma!).dataSync());
    tf.dispose(Object.values(noise));
    const width = 0.5;
    const lo = -3;
    const bins = 46; // [−3, 20)
    const counts = new Array<number>(bins).fill(0);
    for (const v of draws) {
      const b = Math.floor((v - lo) / width);
      if (b >= 0 && b < bins) counts[b]!++;
    }
    // Expected counts: n·∫_bin p, by the midpoint rule on 50 sub-points per bin.
    const sub = 50;
    const grid = Array.from({ length: bins * sub }, (_, i) => lo + (i + 0.5) * (width / sub));
    const p = evalPdf(grid, 1, 2, 2).map(Math.exp);
    let chi2 = 0;
    for (let b = 0; b < bins; b++) {
      let mass = 0;
      for (let j = 0; j < sub; j++) mass += (p[b * sub + j]! * width) / sub;
      const expected = draws.length * mass;
      chi2 += (counts[b]! - expected) ** 2 / expected;
    }
    // χ²(46) has mean 46, sd 9.6: 46 + 5 sd ≈ 94. A rate-2 Gamma or a missing λ²s²/2 gives thousands.
    expect(chi2).toBeLessThan(94);
  });

  it('has a finite gradient everywhere, equal to the finite difference of the float64 reference', () => {
    const xs = [-1e4, -500, -40, -7.5, -3, 0, 0.5, 3, 8.5, 20, 500, 1e4];
    const g = tf.tidy(() => Array.from(tf.grad((x: tf.Tensor) => tf.sum(gaussianGammaLogPdf(x, 1, 2, 2)))(tf.tensor1d(xs)).dataSync()));
    expect(g.every(Number.isFinite), String(g)).toBe(true);
    const v = evalPdf(xs, 1, 2, 2);
    expect(v.every(Number.isFinite), String(v)).toBe(true);
    // d/dx log p → −1/2 as x → ∞ (Gamma tail), and ≈ −(x − 0.5)... → +∞ slope ~ −x as x → −∞.
    expect(g[g.length - 1]).toBeCloseTo(-0.5, 3);
    expect(g[0]! / 1e4).toBeCloseTo(1, 2);
    for (const [i, x] of xs.entries()) {
      if (Math.abs(x) > 40) continue;
      const e = 1e-4;
      const fd = (refLogPdf(x + e, 1, 2, 2) - refLogPdf(x - e, 1, 2, 2)) / (2 * e);
      expect(Math.abs(g[i]! - fd), `x = ${x}`).toBeLessThan(2e-3 * Math.max(1, Math.abs(fd)));
    }
  });

  it('rejects a Gamma shape without a closed form', () => {
    expect(() => gaussianGammaLogPdf(tf.zeros([1]), 1, 3, 2)).toThrow(BedError);
    expect(nl({ gammaShape: 3 }).logLikelihood).toBeUndefined();
    expect(nl({ gammaShape: 1 }).logLikelihood).toBeTypeOf('function');
  });
});

describe('NoisyLinearSimulator.logLikelihood', () => {
  it('is [n, m] with entries Σ_d log p_noise(y_d − θ₀ − θ₁ d), and the design gradient is finite', () => {
    const sim = nl({ designs: 3 });
    const d = [-2, 0.5, 2];
    const y = [[1, 5, 9], [-30, 40, 2]];
    const th = [[0, 1], [2, -3], [10, 10]];
    const ll = tf.tidy(() => sim.logLikelihood!(tf.tensor2d(y), tf.tensor2d(th), tf.tensor1d(d)).arraySync());
    expect([ll.length, ll[0]!.length]).toEqual([2, 3]);
    y.forEach((yi, i) =>
      th.forEach(([a, b], j) => {
        const ref = yi.reduce((acc, v, k) => acc + refLogPdf(v - a! - b! * d[k]!, 1, 2, 2), 0);
        expect(Math.abs(ll[i]![j]! - ref), `(${i}, ${j})`).toBeLessThanOrEqual(1e-3 + 1e-5 * Math.abs(ref));
      }),
    );
    const g = tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(sim.logLikelihood!(tf.tensor2d(y), tf.tensor2d(th), x as tf.Tensor1D)))(tf.tensor1d(d)).arraySync()) as number[];
    expect(g.every(Number.isFinite)).toBe(true);
  });

  it('leaks no tensors and checks shapes', () => {
    const sim = nl({ designs: 2 });
    const before = tf.memory().numTensors;
    const y = tf.zeros([4, 2]) as tf.Tensor2D;
    const th = tf.zeros([5, 2]) as tf.Tensor2D;
    const d = tf.zeros([2]) as tf.Tensor1D;
    const bad = tf.zeros([3]) as tf.Tensor1D;
    sim.logLikelihood!(y, th, d).dispose();
    expect(() => sim.logLikelihood!(y, th, bad)).toThrow(/design must be \[2\]/);
    tf.dispose([y, th, d, bad]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
