import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNativeGemm } from './loadNativeGemm.js';
import { useNativeGemm } from './useNativeGemm.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe.runIf(loadNativeGemm() !== undefined)('native broadcasting Equal', () => {
  const cases: [number[], number[]][] = [[[5, 1], [5, 7]], [[5, 7], [1, 7]], [[5, 7], [5, 7]], [[1, 1], [3, 4]], [[3, 4], [3, 1]]];
  for (const [sa, sb] of cases)
    it(`${sa} == ${sb}: same booleans as an element-wise JS comparison`, () => {
      expect(useNativeGemm()).toBe(true);
      // Small integers so that equalities actually occur.
      const a = tf.round(tf.randomUniform(sa, 0, 3, 'float32', 1));
      const b = tf.round(tf.randomUniform(sb, 0, 3, 'float32', 2));
      const e = tf.equal(a, b);
      const rows = Math.max(sa[0]!, sb[0]!);
      const cols = Math.max(sa[1]!, sb[1]!);
      expect(e.dtype).toBe('bool');
      expect(e.shape).toEqual([rows, cols]);
      const [av, bv, ev] = [a.dataSync(), b.dataSync(), e.dataSync()];
      const at = (v: ArrayLike<number>, s: number[], i: number, j: number) => v[(s[0] === 1 ? 0 : i) * s[1]! + (s[1] === 1 ? 0 : j)]!;
      let trues = 0;
      for (let i = 0; i < rows; i++)
        for (let j = 0; j < cols; j++) {
          const want = at(av, sa, i, j) === at(bv, sb, i, j) ? 1 : 0;
          trues += want;
          expect(ev[i * cols + j]).toBe(want);
        }
      if (rows * cols > 4) expect(trues).toBeGreaterThan(0);
      tf.dispose([a, b, e]);
    });

  it('logSumExp gradient (uses Equal through Max) equals softmax within 1e-6', () => {
    useNativeGemm();
    const x = tf.randomNormal([6, 9], 0, 3, 'float32', 3);
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.logSumExp(t, 1)))(x);
    expect(tf.max(tf.abs(tf.sub(g, tf.softmax(x)))).dataSync()[0]).toBeLessThan(1e-6);
    tf.dispose([x, g]);
  });
});
