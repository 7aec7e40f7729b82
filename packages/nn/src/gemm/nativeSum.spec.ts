import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNativeGemm } from './loadNativeGemm.js';
import { useNativeGemm } from './useNativeGemm.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** Float64 sums of row-major `[rows, cols]` data over the rows (ground truth). */
const colSums = (x: Float32Array, rows: number, cols: number): number[] =>
  Array.from({ length: cols }, (_, j) => {
    let s = 0;
    for (let i = 0; i < rows; i++) s += x[i * cols + j]!;
    return s;
  });

describe.runIf(loadNativeGemm() !== undefined)('native Sum over leading axes', () => {
  const cases: [number[], number | number[], boolean][] = [
    [[4096, 33], 0, false],
    [[7, 5, 3], [0, 1], false],
    [[7, 5, 3], [1, 0], true],
    [[9, 4], -2, true],
  ];
  for (const [shape, axis, keepDims] of cases)
    it(`shape ${shape} axis ${axis} keepDims ${keepDims}: equals float64 within 1e-5 and keeps TF.js's shape`, () => {
      expect(useNativeGemm()).toBe(true);
      const x = tf.randomNormal(shape, 1, 2, 'float32', shape[0]);
      const s = tf.sum(x, axis, keepDims);
      const p = (Array.isArray(axis) ? axis : [axis]).length;
      const tail = shape.slice(p);
      expect(s.shape).toEqual(keepDims ? [...Array(p).fill(1), ...tail] : tail);
      const rows = shape.slice(0, p).reduce((a, b) => a * b, 1);
      const ref = colSums(x.dataSync() as Float32Array, rows, tail.reduce((a, b) => a * b, 1));
      const got = s.dataSync();
      const scale = 1 + Math.max(...ref.map(Math.abs));
      expect(Math.max(...ref.map((r, j) => Math.abs(got[j]! - r))) / scale).toBeLessThan(1e-5);
      tf.dispose([x, s]);
    });

  it('leaves trailing-axis and full reductions to the wasm kernel (same values)', () => {
    useNativeGemm();
    const x = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
    expect(Array.from(tf.sum(x, 1).dataSync())).toEqual([6, 15]);
    expect(tf.sum(x).dataSync()[0]).toBe(21);
    expect(Array.from(tf.sum(x, 0).dataSync())).toEqual([5, 7, 9]);
    const i = tf.tensor2d([[1, 2], [3, 4]], [2, 2], 'int32');
    expect(Array.from(tf.sum(i, 0).dataSync())).toEqual([4, 6]);
  });
});
