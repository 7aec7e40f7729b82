import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/selectBackend.js';
import { Rng } from '../rng/Rng.js';
import { leaveOneOutLogSumExp } from './leaveOneOutLogSumExp.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** Plain float64 `L_ik = log(e^c + Σ_{j≠k} e^{S_ij})`. */
function loo64(s: number[][], c: number): number[] {
  const b = s.length;
  const out: number[] = [];
  for (let i = 0; i < b; i++) {
    for (let k = 0; k < b; k++) {
      const terms = [c, ...s[i]!.filter((_, j) => j !== k)];
      const m = Math.max(...terms);
      out.push(m + Math.log(terms.reduce((a, v) => a + Math.exp(v - m), 0)));
    }
  }
  return out;
}

/** The O(B³) masked form the helper replaces: `[i, k, j]` with −∞ at j = k. */
function looCubic(s: tf.Tensor2D, c: number): tf.Tensor2D {
  const b = s.shape[0];
  const mask = new Float32Array(b * b).map((_, idx) => (Math.floor(idx / b) === idx % b ? -Infinity : 0));
  const rows = tf.add(tf.reshape(s, [b, 1, b]), tf.tensor3d(mask, [1, b, b]));
  const all = c > -Infinity ? tf.concat([rows, tf.fill([b, b, 1], c)], 2) : rows;
  return tf.logSumExp(all, 2) as tf.Tensor2D;
}

function matrix(rng: Rng, b: number, scale: number): number[][] {
  return Array.from({ length: b }, () => Array.from({ length: b }, () => scale * rng.normal()));
}

const maxRel = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  return worst;
};

describe('leaveOneOutLogSumExp (O(B²) prefix/suffix sums)', () => {
  const rng = new Rng(7);
  // Ordinary scores, a row whose maximum dominates by 300 (the sum without it underflows in float32
  // if computed with the row shift), ties at the maximum, and a large common offset.
  const dominant = matrix(rng, 6, 1);
  dominant[2]![4] = 300;
  dominant[3]![3] = 250;
  const ties = matrix(rng, 5, 1);
  ties[1]![0] = 9;
  ties[1]![3] = 9;
  const cases: [string, number[][]][] = [
    ['random B=8', matrix(rng, 8, 2)],
    ['dominant entries', dominant],
    ['tied maxima', ties],
    ['offset +500', matrix(rng, 7, 1).map((r) => r.map((v) => v + 500))],
  ];

  for (const c of [Math.log(1), Math.log(0.5), -Infinity]) {
    it.each(cases)(`value matches float64 and gradient matches the O(B³) form: %s, c = ${c}`, (_, s) => {
      const st = tf.tensor2d(s);
      const got = leaveOneOutLogSumExp(st, c);
      expect(maxRel(got.dataSync(), loo64(s, c))).toBeLessThan(2e-6);
      // A weighted sum so that every L_ik contributes a different cotangent.
      const w = tf.tensor2d(matrix(rng, s.length, 1));
      const gFast = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(leaveOneOutLogSumExp(x as tf.Tensor2D, c), w)))(st);
      const gRef = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(looCubic(x as tf.Tensor2D, c), w)))(st);
      const gf = gFast.dataSync();
      expect(gf.every(Number.isFinite)).toBe(true);
      expect(maxRel(gf, gRef.dataSync())).toBeLessThan(1e-5);
      tf.dispose([st, got, w, gFast, gRef]);
    });
  }

  it('agrees with the O(B³) form at B = 128 (value and gradient)', () => {
    const st = tf.tensor2d(matrix(rng, 128, 3));
    const w = tf.randomNormal([128, 128], 0, 1, 'float32', 3);
    const f = (g: (x: tf.Tensor2D) => tf.Tensor2D) => (x: tf.Tensor) => tf.sum(tf.mul(g(x as tf.Tensor2D), w));
    const vFast = leaveOneOutLogSumExp(st, 0);
    const vRef = looCubic(st, 0);
    expect(maxRel(vFast.dataSync(), vRef.dataSync())).toBeLessThan(2e-6);
    const gFast = tf.grad(f((x) => leaveOneOutLogSumExp(x, 0)))(st);
    const gRef = tf.grad(f((x) => looCubic(x, 0)))(st);
    expect(maxRel(gFast.dataSync(), gRef.dataSync())).toBeLessThan(1e-5);
    tf.dispose([st, w, vFast, vRef, gFast, gRef]);
  });

  it('rejects non-square input and leaks no tensors', () => {
    expect(() => leaveOneOutLogSumExp(tf.zeros([2, 3]) as tf.Tensor2D)).toThrow(/leaveOneOutLogSumExp: scores must be \[B, B\]/);
    const st = tf.randomNormal([16, 16]) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    tf.dispose(leaveOneOutLogSumExp(st, 0));
    tf.dispose(tf.grad((x: tf.Tensor) => tf.sum(leaveOneOutLogSumExp(x as tf.Tensor2D, 0)))(st));
    expect(tf.memory().numTensors).toBe(before);
    st.dispose();
  });
});
