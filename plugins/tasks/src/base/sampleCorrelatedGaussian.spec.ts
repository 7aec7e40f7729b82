import * as tf from '@tensorflow/tfjs';
import { Rng, selectBackend } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleCorrelatedGaussian } from './sampleCorrelatedGaussian.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('sampleCorrelatedGaussian', () => {
  it('has unit variances and per-coordinate correlation rho (n = 20,000, 4 sd tolerance)', () => {
    const rho = 0.8;
    const { x, y } = sampleCorrelatedGaussian(20000, 3, rho, false, new Rng(1));
    const xs = x.arraySync();
    const ys = y.arraySync();
    for (let k = 0; k < 3; k++) {
      let sxx = 0;
      let syy = 0;
      let sxy = 0;
      for (let i = 0; i < xs.length; i++) {
        sxx += xs[i]![k]! ** 2;
        syy += ys[i]![k]! ** 2;
        sxy += xs[i]![k]! * ys[i]![k]!;
      }
      const n = xs.length;
      expect(Math.abs(sxx / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
      expect(Math.abs(syy / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
      expect(Math.abs(sxy / n - rho)).toBeLessThan(4 * Math.sqrt((1 + rho * rho) / n));
    }
    tf.dispose([x, y]);
  });

  it('cubes y under the cubic transform and is reproducible from the seed', () => {
    const a = sampleCorrelatedGaussian(5, 2, 0.5, false, new Rng(7));
    const b = sampleCorrelatedGaussian(5, 2, 0.5, true, new Rng(7));
    const ya = a.y.dataSync();
    const yb = b.y.dataSync();
    ya.forEach((v, i) => expect(yb[i]).toBeCloseTo(v ** 3, 5));
    expect(Array.from(b.x.dataSync())).toEqual(Array.from(a.x.dataSync()));
    tf.dispose([a.x, a.y, b.x, b.y]);
  });
});
