import * as tf from '@tensorflow/tfjs';
import { BedError, selectBackend } from '@infobed/core';
import { Mlp } from '@infobed/nn';
import { beforeAll, describe, expect, it } from 'vitest';
import { JointCritic } from './JointCritic.js';
import { SeparableCritic } from './SeparableCritic.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const spec = { xDim: 2, yDim: 3, options: { hidden: [8, 8] }, seed: 7 };

describe.each([SeparableCritic, JointCritic])('%o', (Ctor) => {
  it('gives [B, B] scores whose diagonal equals pairScores', () => {
    const c = new Ctor(spec);
    const x = tf.randomNormal([5, 2], 0, 1, 'float32', 1) as tf.Tensor2D;
    const y = tf.randomNormal([5, 3], 0, 1, 'float32', 2) as tf.Tensor2D;
    const { scores } = c.scores(x, y);
    expect(scores.shape).toEqual([5, 5]);
    const diag = tf.sum(tf.mul(scores, tf.eye(5)), 1).arraySync() as number[];
    const pairs = c.pairScores(x, y).arraySync();
    diag.forEach((d, i) => expect(pairs[i]).toBeCloseTo(d, 5));
    c.dispose();
  });

  it('adds an aux head of shape [B] on request and trains all its variables', () => {
    const c = new Ctor({ ...spec, aux: 'positivePair' });
    const x = tf.randomNormal([4, 2]) as tf.Tensor2D;
    const y = tf.randomNormal([4, 3]) as tf.Tensor2D;
    const { grads, value } = tf.variableGrads(() => {
      const b = c.scores(x, y);
      return tf.add(tf.sum(b.scores), tf.sum(b.aux!)) as tf.Scalar;
    }, c.variables as tf.Variable[]);
    expect(Object.keys(grads).length).toBe(c.variables.length);
    tf.dispose([value, ...Object.values(grads)]);
    c.dispose();
  });

  it('leaks no tensors in a scoring pass and frees its variables on dispose', () => {
    const before = tf.memory().numTensors;
    const c = new Ctor(spec);
    const x = tf.randomNormal([4, 2]) as tf.Tensor2D;
    const y = tf.randomNormal([4, 3]) as tf.Tensor2D;
    const mid = tf.memory().numTensors;
    tf.dispose(tf.tidy(() => c.scores(x, y).scores));
    expect(tf.memory().numTensors).toBe(mid);
    tf.dispose([x, y]);
    c.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects unknown options with the field name', () => {
    expect(() => new Ctor({ ...spec, options: { hiden: [8] } })).toThrow(/critic\.options/);
    try {
      new Ctor({ ...spec, options: { hidden: [-1] } });
    } catch (e) {
      expect(BedError.is(e, 'invalidConfig')).toBe(true);
      expect((e as Error).message).toMatch(/critic\.options\.hidden/);
    }
  });
});

describe('JointCritic', () => {
  it('factorised first layer equals an MLP on concatenated pairs', () => {
    const c = new JointCritic(spec);
    const x = tf.randomNormal([3, 2], 0, 1, 'float32', 3) as tf.Tensor2D;
    const y = tf.randomNormal([4, 3], 0, 1, 'float32', 4) as tf.Tensor2D;
    const s = c.scores(x, y).scores.arraySync();
    // Rebuild the naive version from the critic's own weights.
    const [wx, wy, b0, ...rest] = c.variables;
    const w = tf.concat([wx!, wy!], 0) as tf.Tensor2D;
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 4; j++) {
        const pair = tf.concat([x.slice([i, 0], [1, 2]), y.slice([j, 0], [1, 3])], 1) as tf.Tensor2D;
        let h = tf.relu(tf.add(tf.matMul(pair, w), b0!)) as tf.Tensor2D;
        for (let k = 0; k < rest.length; k += 2) {
          h = tf.add(tf.matMul(h, rest[k]! as tf.Tensor2D), rest[k + 1]!) as tf.Tensor2D;
          if (k + 2 < rest.length) h = tf.relu(h);
        }
        expect(h.dataSync()[0]).toBeCloseTo(s[i]![j]!, 4);
      }
    }
    expect(Mlp).toBeDefined();
    c.dispose();
  });
});
