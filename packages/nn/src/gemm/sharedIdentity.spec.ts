import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FusedAdam } from '../optim/FusedAdam.js';
import { loadNativeGemm } from './loadNativeGemm.js';
import { useNativeGemm } from './useNativeGemm.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe.runIf(loadNativeGemm() !== undefined)('copy-free Identity on wasm', () => {
  it('a clone keeps its values after the original is disposed, and frees its buffer', () => {
    expect(useNativeGemm()).toBe(true);
    const before = tf.memory().numBytes;
    const x = tf.tensor1d([1, -2, 3.5]);
    const c = tf.clone(x);
    x.dispose();
    expect(Array.from(c.dataSync())).toEqual([1, -2, 3.5]);
    c.dispose();
    expect(tf.memory().numBytes).toBe(before);
  });

  it('a saved clone of a variable is not changed by FusedAdam or assign (in place only when unshared)', () => {
    useNativeGemm();
    const v = tf.variable(tf.tensor1d([1, 2, 3]));
    const saved = tf.clone(v);
    const opt = new FusedAdam(0.1);
    opt.applyGradients({ [v.name]: tf.tensor1d([1, 1, 1]) });
    expect(Array.from(saved.dataSync())).toEqual([1, 2, 3]);
    expect(v.dataSync()[0]).toBeCloseTo(0.9, 5);
    v.assign(tf.tensor1d([7, 8, 9]));
    expect(Array.from(saved.dataSync())).toEqual([1, 2, 3]);
    tf.dispose([v, saved]);
    opt.dispose();
  });

  it('gradients through saved tensors are unchanged (d/dx Σ x·x = 2x)', () => {
    useNativeGemm();
    const x = tf.tensor2d([[1, 2], [3, -4]]);
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(t, t)))(x);
    expect(Array.from(g.dataSync())).toEqual([2, 4, 6, -8]);
    tf.dispose([x, g]);
  });
});
