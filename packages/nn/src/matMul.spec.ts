import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { matMul } from './matMul.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('matMul (transpose-free gradient)', () => {
  it('matches tf.matMul in value and gradient', () => {
    const a = tf.randomNormal([5, 3], 0, 1, 'float32', 1) as tf.Tensor2D;
    const b = tf.randomNormal([3, 4], 0, 1, 'float32', 2) as tf.Tensor2D;
    const w = tf.randomNormal([5, 4], 0, 1, 'float32', 3);
    const f = (mm: typeof matMul) => (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(mm(x as tf.Tensor2D, y as tf.Tensor2D), w));
    const [ga, gb] = tf.grads(f(matMul))([a, b]);
    const [ra, rb] = tf.grads(f((x, y) => tf.matMul(x, y)))([a, b]);
    expect(Array.from(matMul(a, b).dataSync())).toEqual(Array.from(tf.matMul(a, b).dataSync()));
    expect(tf.max(tf.abs(tf.sub(ga!, ra!))).dataSync()[0]).toBeLessThan(1e-5);
    expect(tf.max(tf.abs(tf.sub(gb!, rb!))).dataSync()[0]).toBeLessThan(1e-5);
  });

  it('supports a second derivative (needed by second-order MAML)', () => {
    // f(a) = sum((a·b)²) ⇒ d²f/da² along a is 2·sum over b² terms; compare with tf.matMul.
    const a = tf.tensor2d([[0.3, -1.2]]);
    const b = tf.tensor2d([[1.5], [0.7]]);
    const second = (mm: (x: tf.Tensor2D, y: tf.Tensor2D) => tf.Tensor2D) =>
      tf.grad((x: tf.Tensor) => tf.sum(tf.square(tf.grad((z: tf.Tensor) => tf.sum(tf.square(mm(z as tf.Tensor2D, b))))(x))))(a);
    const mine = second(matMul).dataSync();
    const ref = second((x, y) => tf.matMul(x, y)).dataSync();
    expect(Array.from(mine).map((v) => +v.toFixed(4))).toEqual(Array.from(ref).map((v) => +v.toFixed(4)));
    expect(Math.abs(ref[0]!)).toBeGreaterThan(0);
  });

  it('leaks no tensors in a gradient step', () => {
    const a = tf.randomNormal([4, 3]) as tf.Tensor2D;
    const b = tf.variable(tf.randomNormal([3, 2]));
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(() => tf.sum(matMul(a, b as unknown as tf.Tensor2D)) as tf.Scalar, [b]);
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
