import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '@infobed/core';
import { expectClose, golden } from '@infobed/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { MineObjective, MineOptionsSchema } from './MineObjective.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** Plain float64 `mean_{i≠j} e^{S_ij}`. */
const partition = (s: number[][]): number => {
  let t = 0;
  s.forEach((row, i) => row.forEach((v, j) => (t += i === j ? 0 : Math.exp(v))));
  return t / (s.length * (s.length - 1));
};

describe('MineObjective buffer', () => {
  const g = golden();
  const c1 = g.cases.find((c) => c.name === 'B8_moderate')!;
  const c2 = g.cases.find((c) => c.name === 'B8_negative_diag')!;

  it('first step: m and m̄ match golden extra.batch_partition_mean_exp / buffer_new_used_in_gradient', () => {
    const ref = g.results[c1.name]!['mine_ema_first_step']!.extra!;
    const o = new MineObjective(MineOptionsSchema.parse({}));
    tf.dispose(Object.values(o.evaluate({ scores: tf.tensor2d(c1.S) })));
    expectClose(o.last!.partition, ref['batch_partition_mean_exp'] as number, 1e-4, 'm');
    expectClose(o.last!.bufferUsed, ref['buffer_new_used_in_gradient'] as number, 1e-4, 'm̄');
  });

  it.each([
    ['ema', (m1: number, m2: number) => 0.9 * (0.9 * 1 + 0.1 * m1) + 0.1 * m2],
    ['reference', (m1: number, m2: number) => 0.9 * m1 + 0.1 * m2],
  ] as const)('second step with bufferUpdate %s carries the right buffer (float64 recomputation)', (mode, want) => {
    const o = new MineObjective(MineOptionsSchema.parse({ bufferUpdate: mode }));
    tf.dispose(Object.values(o.evaluate({ scores: tf.tensor2d(c1.S) })));
    tf.dispose(Object.values(o.evaluate({ scores: tf.tensor2d(c2.S) })));
    expectClose(o.last!.bufferUsed, want(partition(c1.S), partition(c2.S)), 1e-4, 'm̄ step 2');
    o.reset();
    expect(o.last).toBeUndefined();
  });

  it('the second-step gradient uses the carried buffer: dL/dS_ij = e^{S_ij}/(B(B−1) m̄) off the diagonal', () => {
    const o = new MineObjective(MineOptionsSchema.parse({}));
    tf.dispose(Object.values(o.evaluate({ scores: tf.tensor2d(c1.S) })));
    const s = tf.tensor2d(c2.S);
    const grad = tf.grad((x: tf.Tensor) => o.evaluate({ scores: x as tf.Tensor2D }).loss)(s).arraySync() as number[][];
    const b = c2.B;
    const mBar = o.last!.bufferUsed;
    const want = c2.S.map((row, i) => row.map((v, j) => (i === j ? -1 / b : Math.exp(v) / (b * (b - 1) * mBar))));
    expectClose(grad.flat(), want.flat(), 1e-4, 'grad_S');
  });
});
