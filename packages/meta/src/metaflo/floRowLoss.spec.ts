import * as tf from '@tensorflow/tfjs';
import { Rng, selectBackend } from '@infobed/core';
import { FloObjective } from '@infobed/plugin-estimator-flo';
import { expectClose, golden } from '@infobed/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { floRowLoss, positiveMasks } from './floRowLoss.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe(floRowLoss, () => {
  it.each(golden().cases.map((c) => c.name))('matches the golden flo loss and gradients on %s (square, K = 1)', (name) => {
    const c = golden().cases.find((x) => x.name === name)!;
    const ref = golden().results[name]!['flo']!;
    const masks = positiveMasks(c.B, 1);
    const s = tf.tensor2d(c.S);
    const u = tf.tensor1d(c.U.map((row, i) => row[i]!));
    const out = floRowLoss(s, u, masks);
    expectClose(out.loss.dataSync()[0]!, ref.loss, 1e-4, 'loss');
    expectClose(out.mi.dataSync()[0]!, ref.mi, 1e-4, 'mi');
    const [gs, gu] = tf.grads((a: tf.Tensor, b: tf.Tensor) => floRowLoss(a as tf.Tensor2D, b as tf.Tensor1D, masks).loss)([s, u]);
    expectClose(gs!.dataSync(), ref.grad_S.flat(), 1e-4, 'grad_S');
    expectClose(gu!.dataSync(), ref.grad_U!.map((row, i) => row[i]!), 1e-4, 'grad_u');
    tf.dispose([s, u, out.loss, out.mi, gs!, gu!, masks.positive, masks.negatives]);
  });

  it('equals FloObjective (@infobed/plugin-estimator-flo) on a random square batch', () => {
    const s = tf.randomNormal([16, 16], 0, 2, 'float32', 3) as tf.Tensor2D;
    const u = tf.randomNormal([16], 0, 1, 'float32', 4) as tf.Tensor1D;
    const masks = positiveMasks(16, 1);
    const mine = floRowLoss(s, u, masks).loss.dataSync()[0]!;
    const ref = new FloObjective().evaluate({ scores: s, aux: u }).loss.dataSync()[0]!;
    expectClose(mine, ref, 1e-5);
  });

  it('matches a plain-JS loop on a rectangular (T·K) × T matrix', () => {
    const rng = new Rng(1);
    const [tasks, k] = [5, 3];
    const n = tasks * k;
    const sv = Array.from({ length: n }, () => Array.from({ length: tasks }, () => 3 * rng.normal()));
    const uv = Array.from({ length: n }, () => rng.normal());
    let ref = 0;
    for (let r = 0; r < n; r++) {
      const t = Math.floor(r / k);
      const neg = sv[r]!.filter((_, j) => j !== t);
      const m = Math.max(...neg);
      const lse = m + Math.log(neg.reduce((a, v) => a + Math.exp(v - m), 0));
      ref += uv[r]! + Math.exp(-uv[r]! + lse - sv[r]![t]! - Math.log(tasks - 1)) - 1;
    }
    ref /= n;
    const masks = positiveMasks(tasks, k);
    const out = floRowLoss(tf.tensor2d(sv), tf.tensor1d(uv), masks);
    expectClose(out.loss.dataSync()[0]!, ref, 1e-5);
    expectClose(out.mi.dataSync()[0]!, -ref, 1e-5);
  });

  it('leaks no tensors and rejects mismatched shapes', () => {
    const masks = positiveMasks(4, 2);
    const s = tf.zeros([8, 4]) as tf.Tensor2D;
    const u = tf.zeros([8]) as tf.Tensor1D;
    const before = tf.memory().numTensors;
    const out = floRowLoss(s, u, masks);
    tf.dispose([out.loss, out.mi]);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => floRowLoss(tf.zeros([6, 4]) as tf.Tensor2D, u, masks)).toThrow(/meta-flo: scores \[6, 4\]/);
  });
});
