import * as tf from '@tensorflow/tfjs';
import { BedError, selectBackend } from '@infobed/core';
import { expectClose, expectGoldenObjective, golden } from '@infobed/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { FloObjective } from './FloObjective.js';
import plugin from './index.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const diag = (m: number[][]): number[] => m.map((row, i) => row[i]!);

describe('FloObjective', () => {
  const g = golden();
  it.each(g.cases.map((c) => c.name))('matches golden loss, mi, dL/dS and dL/du = diag(grad_U) on %s', (name) => {
    const c = g.cases.find((x) => x.name === name)!;
    const ref = g.results[name]!['flo']!;
    expectGoldenObjective(() => new FloObjective(), c, ref);
    // grad_U is zero off the diagonal: only the positive-pair u enters.
    expect(ref.grad_U!.flat().filter((v, k) => k % (c.B + 1) !== 0 && v !== 0)).toEqual([]);
  });

  it('is finite in value and gradient on the overflow-prone B4_large case (float32)', () => {
    const c = g.cases.find((x) => x.name === 'B4_large')!;
    const s = tf.tensor2d(c.S);
    const u = tf.tensor1d(diag(c.U));
    const gs = tf.grad((a: tf.Tensor) => new FloObjective().evaluate({ scores: a as tf.Tensor2D, aux: u }).loss)(s);
    expect(Array.from(gs.dataSync()).every(Number.isFinite)).toBe(true);
    tf.dispose([s, u, gs]);
  });

  it('raises a numerical error (not a silent inf) when a negative outranks the positive by > 88 nats', () => {
    const s = tf.tensor2d([
      [0, 120],
      [0, 0],
    ]);
    const u = tf.zeros([2]) as tf.Tensor1D;
    const before = tf.memory().numTensors;
    let err: unknown;
    try {
      new FloObjective().evaluate({ scores: s, aux: u });
    } catch (e) {
      err = e;
    }
    expect(BedError.is(err, 'numerical')).toBe(true);
    expect((err as Error).message).toMatch(/^flo: loss is Infinity/);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([s, u]);
  });

  it('has no output clamp: a well-separated batch reports 20 nats (> 15)', () => {
    // B = 64, positives at +20, negatives at 0, u at its batch optimum −20: a_i = 0, ℓ_i = −20.
    const b = 64;
    const s = tf.tidy(() => tf.mul(tf.eye(b), 20) as tf.Tensor2D);
    const u = tf.fill([b], -20) as tf.Tensor1D;
    const out = new FloObjective().evaluate({ scores: s, aux: u });
    expectClose(out.mi.dataSync()[0]!, 20, 1e-4, 'mi');
    tf.dispose([s, u, out.loss, out.mi]);
  });

  it('stays finite in value and gradient at the worst corner of the bilinear critic range (|S| ≤ 20, |u| ≤ 40)', () => {
    // Every negative at +β, every positive at −β, u = −u_max: a_i = 40 + 2·20 = 80 < 88.7.
    const b = 64;
    const s = tf.tidy(() => tf.sub(20, tf.mul(tf.eye(b), 40)) as tf.Tensor2D);
    const u = tf.fill([b], -40) as tf.Tensor1D;
    const out = new FloObjective().evaluate({ scores: s, aux: u });
    expectClose(out.loss.dataSync()[0]! / Math.exp(80), 1, 1e-4, 'loss / e^80');
    const [gs, gu] = tf.grads((a: tf.Tensor, c: tf.Tensor) => new FloObjective().evaluate({ scores: a as tf.Tensor2D, aux: c as tf.Tensor1D }).loss)([s, u]);
    expect([...gs!.dataSync(), ...gu!.dataSync()].every(Number.isFinite)).toBe(true);
    tf.dispose([s, u, out.loss, out.mi, gs!, gu!]);
  });

  it('rejects a missing aux head and bad shapes, naming the objective', () => {
    const s = tf.zeros([3, 3]) as tf.Tensor2D;
    expect(() => new FloObjective().evaluate({ scores: s })).toThrow(/flo: needs an auxiliary head/);
    expect(() => new FloObjective().evaluate({ scores: s, aux: tf.zeros([2]) as tf.Tensor1D })).toThrow(/flo: aux must be \[3\]/);
    expect(plugin.provides.estimators).toContain("flo");
    expect(() => new FloObjective().evaluate({ scores: tf.zeros([2, 3]) as tf.Tensor2D })).toThrow(/flo: scores/);
  });

  it('leaks no tensors (value and both gradients)', () => {
    const s = tf.randomNormal([8, 8], 0, 1, 'float32', 3) as tf.Tensor2D;
    const u = tf.randomNormal([8], 0, 1, 'float32', 4) as tf.Tensor1D;
    const o = new FloObjective();
    const before = tf.memory().numTensors;
    const out = o.evaluate({ scores: s, aux: u });
    tf.dispose([out.loss, out.mi]);
    tf.dispose(tf.grads((a: tf.Tensor, b: tf.Tensor) => o.evaluate({ scores: a as tf.Tensor2D, aux: b as tf.Tensor1D }).loss)([s, u]));
    expect(tf.memory().numTensors).toBe(before);
  });
});
