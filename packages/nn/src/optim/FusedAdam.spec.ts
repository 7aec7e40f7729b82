import * as tf from '@tensorflow/tfjs';
import { BedError, selectBackend } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNativeGemm } from '../gemm/loadNativeGemm.js';
import { matMul } from '../matMul.js';
import { FusedAdam } from './FusedAdam.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** Trains a tiny regression `x·W + b` for `steps` steps with `opt`; returns the final W, b. */
function train(opt: tf.Optimizer, steps: number, alias: boolean): Float32Array[] {
  const w = tf.variable(tf.randomNormal([6, 5], 0, 1, 'float32', 11), true, `w${Math.random()}`);
  const b = tf.variable(tf.zeros([5]), true, `b${Math.random()}`);
  const held = alias ? tf.reshape(w, [-1]) : undefined; // shares w's buffer: forces the op fallback
  const x = tf.randomNormal([16, 6], 0, 1, 'float32', 12) as tf.Tensor2D;
  const y = tf.randomNormal([16, 5], 0, 1, 'float32', 13);
  for (let i = 0; i < steps; i++) {
    tf.tidy(() => {
      opt.minimize(() => tf.mean(tf.square(tf.sub(tf.add(matMul(x, w as unknown as tf.Tensor2D), b), y))) as tf.Scalar, false, [w, b]);
    });
  }
  const out = [w.dataSync().slice() as Float32Array, b.dataSync().slice() as Float32Array];
  tf.dispose([w, b, x, y, ...(held ? [held] : [])]);
  return out;
}

const maxAbsDiff = (a: Float32Array, b: Float32Array): number => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe('FusedAdam', () => {
  for (const alias of [false, true]) {
    it(`${alias ? 'op fallback (shared buffer)' : loadNativeGemm() ? 'native in-place path' : 'op path'}: same weights as tf.train.adam after 7 steps`, () => {
      const ref = tf.train.adam(0.05, 0.9, 0.999);
      const mine = new FusedAdam(0.05, 0.9, 0.999);
      const [rw, rb] = train(ref, 7, false);
      const [mw, mb] = train(mine, 7, alias);
      // Weights moved (≈ 7·lr) and agree with TF.js's Adam to float32 rounding.
      expect(maxAbsDiff(rw!, train(tf.train.adam(0.05), 0, false)[0]!)).toBeGreaterThan(0.1);
      expect(maxAbsDiff(mw!, rw!)).toBeLessThan(1e-6);
      expect(maxAbsDiff(mb!, rb!)).toBeLessThan(1e-6);
      ref.dispose();
      mine.dispose();
    });
  }

  it('leaks no tensors per step', () => {
    const opt = new FusedAdam(0.01);
    const w = tf.variable(tf.randomNormal([4, 3]));
    const x = tf.randomNormal([8, 4]) as tf.Tensor2D;
    const step = () =>
      tf.tidy(() => {
        opt.minimize(() => tf.sum(tf.square(matMul(x, w as unknown as tf.Tensor2D))) as tf.Scalar, false, [w]);
      });
    step(); // creates the m, v slots
    const before = tf.memory().numTensors;
    step();
    step();
    expect(tf.memory().numTensors).toBe(before);
    opt.dispose();
    tf.dispose([w, x]);
  });

  it.runIf(loadNativeGemm() !== undefined)('two threads (several chunks of a 100k-element variable) give the same bits as tf.train.adam', () => {
    const run = (make: () => tf.Optimizer): Float32Array => {
      const v = tf.variable(tf.randomNormal([100_003], 0, 1, 'float32', 21));
      const opt = make();
      for (let i = 0; i < 3; i++)
        tf.tidy(() => opt.applyGradients({ [v.name]: tf.randomNormal([100_003], 0, 1, 'float32', 30 + i) }));
      const out = v.dataSync().slice() as Float32Array;
      opt.dispose();
      v.dispose();
      return out;
    };
    const saved = process.env.INFOBED_GEMM_THREADS;
    process.env.INFOBED_GEMM_THREADS = '2';
    const two = run(() => new FusedAdam(0.01));
    if (saved === undefined) delete process.env.INFOBED_GEMM_THREADS;
    else process.env.INFOBED_GEMM_THREADS = saved;
    const ref = run(() => tf.train.adam(0.01));
    expect(maxAbsDiff(two, run(() => tf.train.adam(0.0001)))).toBeGreaterThan(0.01);
    expect(Buffer.from(two.buffer).equals(Buffer.from(ref.buffer))).toBe(true);
  });

  it('rejects bad hyper-parameters naming the field', () => {
    expect(() => new FusedAdam(-1)).toThrow(BedError);
    expect(() => new FusedAdam(-1)).toThrow(/FusedAdam\.learningRate: expected a number > 0, got -1/);
    expect(() => new FusedAdam(0.1, 1)).toThrow(/FusedAdam\.beta1/);
  });
});

describe('FusedAdam.exportState / importState', () => {
  it('a fresh optimiser given the saved moments and counters continues exactly like the original', () => {
    const x = tf.randomNormal([16, 6], 0, 1, 'float32', 12) as tf.Tensor2D;
    const y = tf.randomNormal([16, 5], 0, 1, 'float32', 13);
    const make = () => [tf.variable(tf.randomNormal([6, 5], 0, 1, 'float32', 11)), tf.variable(tf.zeros([5]))];
    const step = (opt: FusedAdam, [w, b]: tf.Variable[]) =>
      tf.tidy(() => {
        opt.minimize(() => tf.mean(tf.square(tf.sub(tf.add(matMul(x, w as unknown as tf.Tensor2D), b!), y))) as tf.Scalar, false, [w!, b!]);
      });
    const a = make();
    const optA = new FusedAdam(0.05);
    for (let i = 0; i < 4; i++) step(optA, a);
    const saved = optA.exportState('adam', a);
    const weights = a.map((v) => v.dataSync().slice());
    expect(saved.scalars.iterations).toBe(4);
    const b = make();
    b.forEach((v, i) => v.assign(tf.tensor(weights[i]!, v.shape)));
    const optB = new FusedAdam(0.05);
    optB.importState('adam', b, JSON.parse(JSON.stringify(saved.scalars)), saved.tensors);
    for (let i = 0; i < 5; i++) {
      step(optA, a);
      step(optB, b);
    }
    a.forEach((v, i) => expect(Array.from(b[i]!.dataSync())).toEqual(Array.from(v.dataSync())));
    expect(optB.iterations).toBe(9);
    tf.dispose([...a, ...b, x, y]);
    optA.dispose();
    optB.dispose();
  });
});
