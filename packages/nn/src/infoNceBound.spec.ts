import * as tf from '@tensorflow/tfjs';
import { BedError, infoNceBound as composedBound, selectBackend } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNativeGemm } from './gemm/loadNativeGemm.js';
import { infoNceBound } from './infoNceBound.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** Float64 InfoNCE bound of row-major `[b, b]` scores (ground truth). */
function reference(s: Float32Array, b: number): number {
  let t = 0;
  for (let i = 0; i < b; i++) {
    const row = Array.from(s.subarray(i * b, (i + 1) * b));
    const mx = Math.max(...row);
    t += row[i]! - (mx + Math.log(row.reduce((a, v) => a + Math.exp(v - mx), 0)));
  }
  return t / b + Math.log(b);
}

const maxDiff = (a: tf.Tensor, b: tf.Tensor): number => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);

describe('infoNceBound (one kernel)', () => {
  for (const b of [1, 7, 64])
    it(`B=${b}: value equals float64 within 1e-5 and the gradient equals core's composed bound within 1e-6`, () => {
      const s = tf.randomNormal([b, b], 0, 4, 'float32', b) as tf.Tensor2D;
      const v = infoNceBound(s);
      expect(v.shape).toEqual([]);
      expect(Math.abs(v.dataSync()[0]! - reference(s.dataSync() as Float32Array, b))).toBeLessThan(1e-5);
      const u = tf.scalar(-1.7);
      const mine = tf.grad((t: tf.Tensor) => tf.mul(infoNceBound(t as tf.Tensor2D), u))(s);
      const ref = tf.grad((t: tf.Tensor) => tf.mul(composedBound(t as tf.Tensor2D), u))(s);
      expect(maxDiff(mine, ref)).toBeLessThan(1e-6);
      if (b > 1) expect(tf.max(tf.abs(ref)).dataSync()[0]).toBeGreaterThan(0.01);
      tf.dispose([s, v, u, mine, ref]);
    });

  it('stays finite for scores far from zero (row maxima subtracted before exp)', () => {
    const s = tf.tensor2d([[1000, -1000], [2000, 500]]);
    const v = infoNceBound(s).dataSync()[0]!;
    expect(v).toBeCloseTo((0 + (500 - 2000)) / 2 + Math.log(2), 3);
    s.dispose();
  });

  it.runIf(loadNativeGemm() !== undefined)('second derivative (gradient of the gradient) equals that of the closed-form gradient (I − softmax)/B', () => {
    // core's composed bound has no second derivative on wasm (Equal in logSumExp's Max gradient).
    const s = tf.randomNormal([5, 5], 0, 1, 'float32', 3) as tf.Tensor2D;
    const mine = tf.grad((t: tf.Tensor) => tf.sum(tf.square(tf.grad((t2: tf.Tensor) => infoNceBound(t2 as tf.Tensor2D))(t))))(s);
    const ref = tf.grad((t: tf.Tensor) => tf.sum(tf.square(tf.div(tf.sub(tf.eye(5), tf.softmax(t as tf.Tensor2D)), 5))))(s);
    expect(tf.max(tf.abs(ref)).dataSync()[0]).toBeGreaterThan(0);
    expect(maxDiff(mine, ref)).toBeLessThan(1e-5);
    tf.dispose([s, mine, ref]);
  });

  it('leaks no tensors through a gradient step', () => {
    const s = tf.randomNormal([16, 16]) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    const g = tf.grad((t: tf.Tensor) => infoNceBound(t as tf.Tensor2D))(s);
    g.dispose();
    expect(tf.memory().numTensors).toBe(before);
    s.dispose();
  });

  it('rejects a non-square score matrix naming the function', () => {
    const s = tf.zeros([3, 4]) as tf.Tensor2D;
    expect(() => infoNceBound(s)).toThrow(BedError);
    expect(() => infoNceBound(s)).toThrow(/infoNceBound: expected a non-empty square/);
    s.dispose();
  });

  it.runIf(loadNativeGemm() !== undefined)('runs as one kernel forward and one backward on wasm', async () => {
    const s = tf.randomNormal([8, 8]) as tf.Tensor2D;
    const info = await tf.profile(() => tf.grad((t: tf.Tensor) => infoNceBound(t as tf.Tensor2D))(s));
    const names = info.kernels.map((k) => k.name);
    expect(names.filter((n) => n === 'InfobedInfoNce')).toHaveLength(1);
    expect(names.filter((n) => n === 'InfobedInfoNceGrad')).toHaveLength(1);
    expect(names).not.toContain('Exp');
    tf.dispose([s, info.result as tf.Tensor]);
  });
});
