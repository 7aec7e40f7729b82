import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { denseAct } from './denseAct.js';
import { loadNativeGemm } from './gemm/loadNativeGemm.js';
import { useNativeGemm } from './gemm/useNativeGemm.js';
import { Mlp } from './Mlp.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const maxDiff = (a: tf.Tensor, b: tf.Tensor): number => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);

/** Unfused reference with TF.js's own gradients: act(x·W + b). */
const unfused = (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, relu: boolean): tf.Tensor2D => {
  const z = tf.add(tf.matMul(x, w), b) as tf.Tensor2D;
  return relu ? tf.relu(z) : z;
};

describe.runIf(loadNativeGemm() !== undefined)('denseAct (fused dense + bias + ReLU)', () => {
  for (const relu of [true, false])
    it(`${relu ? 'relu' : 'linear'}: value equals float64 and gradients equal the unfused ops within 1e-5`, () => {
      expect(useNativeGemm()).toBe(true);
      const x = tf.randomNormal([37, 21], 0, 1, 'float32', 1) as tf.Tensor2D;
      const w = tf.randomNormal([21, 19], 0, 1, 'float32', 2) as tf.Tensor2D;
      const b = tf.randomNormal([19], 0, 1, 'float32', 3) as tf.Tensor1D;
      const u = tf.randomNormal([37, 19], 0, 1, 'float32', 4);
      const y = denseAct(x, w, b, relu);
      // float64 ground truth of the forward value
      const [xv, wv, bv, yv] = [x, w, b, y].map((t) => t.dataSync());
      let err = 0;
      for (let i = 0; i < 37; i++)
        for (let j = 0; j < 19; j++) {
          let s = bv![j]!;
          for (let k = 0; k < 21; k++) s += xv![i * 21 + k]! * wv![k * 19 + j]!;
          err = Math.max(err, Math.abs(yv![i * 19 + j]! - (relu ? Math.max(s, 0) : s)));
        }
      expect(err).toBeLessThan(1e-5);
      const loss = (f: typeof denseAct) => (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.mul(f(xx as tf.Tensor2D, ww as tf.Tensor2D, bb as tf.Tensor1D, relu), u));
      const mine = tf.grads(loss(denseAct))([x, w, b]);
      const ref = tf.grads(loss(unfused))([x, w, b]);
      mine.forEach((g, i) => {
        expect(g.shape).toEqual(ref[i]!.shape);
        expect(maxDiff(g, ref[i]!)).toBeLessThan(1e-5);
      });
      expect(tf.max(tf.abs(mine[1]!)).dataSync()[0]).toBeGreaterThan(0.1);
      tf.dispose([x, w, b, u, y, ...mine, ...ref]);
    });

  it('supports a second derivative (second-order MAML) like the unfused ops', () => {
    useNativeGemm();
    const x = tf.randomNormal([5, 3], 0, 1, 'float32', 8) as tf.Tensor2D;
    const w = tf.randomNormal([3, 4], 0, 1, 'float32', 9) as tf.Tensor2D;
    const b = tf.randomNormal([4], 0, 1, 'float32', 10) as tf.Tensor1D;
    const second = (f: typeof denseAct) =>
      tf.grad((ww: tf.Tensor) => tf.sum(tf.square(tf.grad((w2: tf.Tensor) => tf.sum(tf.square(f(x, w2 as tf.Tensor2D, b, true))))(ww))))(w);
    const mine = second(denseAct);
    const ref = second(unfused);
    expect(tf.max(tf.abs(ref)).dataSync()[0]).toBeGreaterThan(0);
    expect(maxDiff(mine, ref)).toBeLessThan(1e-4);
    tf.dispose([x, w, b, mine, ref]);
  });

  it('gradients for W and b only: dx of the data input is not computed, values equal the unfused ops', async () => {
    useNativeGemm();
    const x = tf.randomNormal([40, 12], 0, 1, 'float32', 11) as tf.Tensor2D;
    const w = tf.variable(tf.randomNormal([12, 30], 0, 1, 'float32', 12)) as tf.Variable<tf.Rank.R2>;
    const b = tf.variable(tf.randomNormal([30], 0, 1, 'float32', 13)) as tf.Variable<tf.Rank.R1>;
    const f = (fn: typeof denseAct) => () => tf.sum(tf.square(fn(x, w, b, true))) as tf.Scalar;
    const info = await tf.profile(() => {
      const { grads, value } = tf.variableGrads(f(denseAct), [w, b]);
      value.dispose();
      return [grads[w.name]!, grads[b.name]!];
    });
    expect(info.kernels.filter((k) => k.name === 'InfobedDenseGrad')).toHaveLength(2);
    const mine = info.result as tf.Tensor[];
    const ref = tf.variableGrads(f(unfused), [w, b]);
    expect(maxDiff(mine[0]!, ref.grads[w.name]!)).toBeLessThan(1e-4);
    expect(maxDiff(mine[1]!, ref.grads[b.name]!)).toBeLessThan(1e-4);
    tf.dispose([x, w, b, ...mine, ref.value, ...Object.values(ref.grads)]);
  });

  it('Mlp training step through the fused path leaks no tensors', () => {
    useNativeGemm();
    const mlp = new Mlp({ inDim: 10, hidden: [32, 32], outDim: 4, seed: 1, name: 't' });
    const x = tf.randomNormal([16, 10]) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(mlp.apply(x))) as tf.Scalar, mlp.variables);
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    mlp.dispose();
    x.dispose();
  });
});
