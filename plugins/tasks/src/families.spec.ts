import * as tf from '@tensorflow/tfjs';
import { BedError, PluginHost, Rng, selectBackend, type MiTask } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import plugin from './index.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const host = new PluginHost();
host.use(plugin);
const task = (id: string, options: Record<string, unknown> = {}): MiTask => host.task(id).create(options);

/**
 * Every family's closed-form truth against the values `bmi` publishes (Czyż et al. 2023, Table/
 * task list; 3 decimals there) and against independent formulas.
 */
describe('true MI (closed forms)', () => {
  it.each([
    ['bivariate-normal', {}, -0.5 * Math.log(1 - 0.75 ** 2), 0.413],
    ['bivariate-normal', { transform: 'swissroll' }, -0.5 * Math.log(1 - 0.75 ** 2), 0.413],
    ['additive-noise', { epsilon: 0.1 }, 0.1 - Math.log(0.2), 1.709],
    ['additive-noise', { epsilon: 0.75 }, 1 / 3, 0.333],
    // Dense: ½ log(det Σxx det Σyy / det Σ); Σ = ½(I + 11ᵀ) in n dims has det (1 + n)/2ⁿ.
    ['multinormal-dense', { dimX: 2, dimY: 2 }, 0.5 * Math.log((3 / 4) ** 2 / (5 / 16)), 0.294],
    ['multinormal-dense', { dimX: 50, dimY: 50 }, 0.5 * (2 * Math.log(51 / 2 ** 50) - Math.log(101 / 2 ** 100)), 1.624],
    // Two pairs with correlation 0.8: −2·½ log(1 − 0.64), at every dimension.
    ['multinormal-2pair', { dimX: 2, dimY: 2 }, -Math.log(0.36), 1.022],
    ['multinormal-2pair', { dimX: 25, dimY: 25, transform: 'spiral' }, -Math.log(0.36), 1.022],
    ['student-t', { dimX: 2, dimY: 2, df: 2 }, undefined, 0.193],
  ] as const)('%s %j: %s (bmi: %s)', (id, options, closed, published) => {
    const t = task(id, options);
    if (closed !== undefined) expect(Math.abs(t.trueMi - closed)).toBeLessThan(1e-12);
    expect(Math.abs(t.trueMi - published)).toBeLessThan(5e-4);
  });

  it('Student-t 1 × 1, df = 1 (bivariate Cauchy): 2 log 4π − (log 2π + 3), from the standard entropies', () => {
    // h(k = 1, ν = 1) = log 4π (Cauchy); h(k = 2, ν = 1) = log Γ(½) − log Γ(3/2) + log π + (3/2)(ψ(3/2) − ψ(½)) = log 2π + 3.
    const t = task('student-t', { dimX: 1, dimY: 1, df: 1 });
    expect(Math.abs(t.trueMi - (2 * Math.log(4 * Math.PI) - (Math.log(2 * Math.PI) + 3)))).toBeLessThan(1e-12);
  });
});

/**
 * The truth as a float64 Monte Carlo average of the task's own pointwise MI over its own samples
 * (the density ratio, evaluated through the inverse transforms): this checks the sampler, the
 * transform and its inverse, and the closed form together. n = 20,000, tolerance 4 standard errors.
 */
describe('true MI = E[pmi] over the sampler (float64 Monte Carlo)', () => {
  it.each([
    ['gaussian', { dim: 3, mi: 1.5, transform: 'cubic' }],
    ['bivariate-normal', {}],
    ['bivariate-normal', { transform: 'uniform' }],
    ['bivariate-normal', { transform: 'wiggly' }],
    ['bivariate-normal', { transform: 'half-cube' }],
    ['bivariate-normal', { transform: 'bimodal' }],
    ['bivariate-normal', { transform: 'swissroll' }],
    ['additive-noise', { epsilon: 0.1 }],
    ['additive-noise', { epsilon: 0.75 }],
    ['multinormal-dense', { dimX: 3, dimY: 3 }],
    ['multinormal-2pair', { dimX: 5, dimY: 5, transform: 'normal-cdf' }],
    ['multinormal-2pair', { dimX: 3, dimY: 3, transform: 'half-cube' }],
    ['multinormal-2pair', { dimX: 3, dimY: 3, transform: 'spiral' }],
    ['multinormal-2pair', { dimX: 5, dimY: 5, transform: 'spiral-normal-cdf' }],
    ['student-t', { dimX: 1, dimY: 1, df: 1 }],
    ['student-t', { dimX: 3, dimY: 3, df: 3 }],
    ['student-t', { dimX: 2, dimY: 2, df: 1, transform: 'asinh' }],
  ] as const)('%s %j', (id, options) => {
    const t = task(id, options);
    const n = 20000;
    const { x, y } = t.sample(n, new Rng(7));
    const xs = x.arraySync();
    const ys = y.arraySync();
    tf.dispose([x, y]);
    expect([xs[0]!.length, ys[0]!.length]).toEqual([t.xDim, t.yDim]);
    const p = xs.map((xi, i) => t.pmi!(xi, ys[i]!));
    const m = p.reduce((a, v) => a + v, 0) / n;
    const se = Math.sqrt(p.reduce((a, v) => a + (v - m) ** 2, 0) / (n - 1) / n);
    expect(Number.isFinite(m)).toBe(true);
    expect(Math.abs(m - t.trueMi), `E[pmi] = ${m} ± ${se}, truth ${t.trueMi}`).toBeLessThan(4 * se + 2e-3);
  });
});

describe('samplers', () => {
  it('are seeded (same seed, same pairs) and create no tensors besides the two returned', () => {
    for (const [id, o] of [['student-t', { dimX: 2, dimY: 2, df: 2 }], ['bivariate-normal', { transform: 'bimodal' }], ['gaussian', {}]] as const) {
      const t = task(id, o);
      const before = tf.memory().numTensors;
      const a = t.sample(5, new Rng(3));
      const b = t.sample(5, new Rng(3));
      expect(tf.memory().numTensors).toBe(before + 4);
      expect(a.x.arraySync()).toEqual(b.x.arraySync());
      expect(a.y.arraySync()).toEqual(b.y.arraySync());
      tf.dispose([a.x, a.y, b.x, b.y]);
    }
  });

  it('name the bad option and the task', () => {
    let err: unknown;
    try {
      task('multinormal-dense', { dimX: 1, dimY: 1, transform: 'spiral' });
    } catch (e) {
      err = e;
    }
    expect(BedError.is(err, 'invalidConfig')).toBe(true);
    expect((err as Error).message).toMatch(/^task\.options\.transform: .*dimX ≥ 2 and dimY ≥ 3 \(task "multinormal-dense"\)/);
    expect(() => task('student-t', { df: 1.5 })).toThrow(/task\.options\.df: .*\(task "student-t"\)/);
    expect(() => task('additive-noise', { eps: 1 })).toThrow(/task\.options.*eps/);
    expect(() => host.task('nope')).toThrow(/unknown task "nope"; available: additive-noise, bivariate-normal, gaussian, multinormal-2pair, multinormal-dense, student-t/);
  });
});
