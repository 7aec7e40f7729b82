import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { matMul } from '../matMul.js';
import { loadNativeGemm, nativeGemmStatus } from './loadNativeGemm.js';
import { relErr } from './relErr.js';
import { gemmInfo, useNativeGemm } from './useNativeGemm.js';

/** Float64 reference `op(A)·op(B)` for row-major `[batch, r, c]` data (ground truth). */
function reference(a: Float32Array, b: Float32Array, batch: number, m: number, n: number, k: number, ta: boolean, tb: boolean, aB: boolean, bB: boolean): Float64Array {
  const c = new Float64Array(batch * m * n);
  for (let p = 0; p < batch; p++) {
    const ao = aB ? p * m * k : 0;
    const bo = bB ? p * k * n : 0;
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let q = 0; q < k; q++) s += a[ao + (ta ? q * m + i : i * k + q)]! * b[bo + (tb ? j * k + q : q * n + j)]!;
        c[p * m * n + i * n + j] = s;
      }
  }
  return c;
}


const haveNative = loadNativeGemm() !== undefined;

beforeAll(async () => {
  await selectBackend('wasm');
});

describe.runIf(haveNative)('native AVX2 GEMM as the wasm BatchMatMul kernel', () => {
  it('installs and reports itself', () => {
    expect(useNativeGemm()).toBe(true);
    expect(gemmInfo()).toMatch(/^native-avx(2|512)x\d+$/);
  });

  // Shapes cover: edge panels (m % 6, n % 16 ≠ 0), k > 256 (several depth blocks), both the
  // small-m (m ≤ 144) and the large-m loop nests, every transpose combination, n = 1, k = 1.
  const cases: [number, number, number][] = [[7, 5, 3], [64, 300, 17], [150, 33, 40], [200, 520, 1], [13, 1, 50], [300, 40, 70]];
  for (const [m, k, n] of cases)
    for (const ta of [false, true])
      for (const tb of [false, true])
        it(`m=${m} k=${k} n=${n} transposeA=${ta} transposeB=${tb}: equals float64 matmul within 1e-5`, () => {
          useNativeGemm();
          const a = tf.randomNormal(ta ? [k, m] : [m, k], 0, 1, 'float32', m + k) as tf.Tensor2D;
          const b = tf.randomNormal(tb ? [n, k] : [k, n], 0, 1, 'float32', n + 7) as tf.Tensor2D;
          const c = tf.matMul(a, b, ta, tb);
          expect(c.shape).toEqual([m, n]);
          const ref = reference(a.dataSync() as Float32Array, b.dataSync() as Float32Array, 1, m, n, k, ta, tb, false, false);
          expect(relErr(c.dataSync() as Float32Array, ref)).toBeLessThan(1e-5);
          tf.dispose([a, b, c]);
        });

  it('batched and broadcast operands ([3, m, k] · [k, n] and [1, m, k] · [3, k, n]) match float64', () => {
    useNativeGemm();
    const a = tf.randomNormal([3, 9, 20], 0, 1, 'float32', 1);
    const b = tf.randomNormal([20, 18], 0, 1, 'float32', 2);
    const c = tf.matMul(a, b.expandDims(0));
    expect(relErr(c.dataSync() as Float32Array, reference(a.dataSync() as Float32Array, b.dataSync() as Float32Array, 3, 9, 18, 20, false, false, true, false))).toBeLessThan(1e-5);
    const a1 = tf.randomNormal([1, 9, 20], 0, 1, 'float32', 3);
    const b3 = tf.randomNormal([3, 20, 18], 0, 1, 'float32', 4);
    const c2 = tf.matMul(a1, b3);
    expect(c2.shape).toEqual([3, 9, 18]);
    expect(relErr(c2.dataSync() as Float32Array, reference(a1.dataSync() as Float32Array, b3.dataSync() as Float32Array, 3, 9, 18, 20, false, false, false, true))).toBeLessThan(1e-5);
    tf.dispose([a, b, c, a1, b3, c2]);
  });

  it('nn matMul gradients (flag form) equal float64 dy·bᵀ and aᵀ·dy within 1e-5', () => {
    useNativeGemm();
    const a = tf.randomNormal([70, 40], 0, 1, 'float32', 5) as tf.Tensor2D;
    const b = tf.randomNormal([40, 33], 0, 1, 'float32', 6) as tf.Tensor2D;
    const w = tf.randomNormal([70, 33], 0, 1, 'float32', 7) as tf.Tensor2D;
    const [ga, gb] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(matMul(x as tf.Tensor2D, y as tf.Tensor2D), w)))([a, b]);
    const av = a.dataSync() as Float32Array;
    const bv = b.dataSync() as Float32Array;
    const wv = w.dataSync() as Float32Array;
    expect(relErr(ga!.dataSync() as Float32Array, reference(wv, bv, 1, 70, 40, 33, false, true, false, false))).toBeLessThan(1e-5);
    expect(relErr(gb!.dataSync() as Float32Array, reference(av, wv, 1, 40, 33, 70, true, false, false, false))).toBeLessThan(1e-5);
    tf.dispose([a, b, w, ga!, gb!]);
  });

  it('leaks no tensors in a training step through the native kernel', () => {
    useNativeGemm();
    const x = tf.randomNormal([64, 10]) as tf.Tensor2D;
    const w = tf.variable(tf.randomNormal([10, 32]));
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(matMul(x, w as unknown as tf.Tensor2D))) as tf.Scalar, [w]);
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, w]);
  });
});

describe.runIf(!haveNative)('without the native GEMM', () => {
  it('falls back with a reason', () => {
    expect(useNativeGemm()).toBe(false);
    expect(nativeGemmStatus()).not.toBe('loaded');
  });
});
