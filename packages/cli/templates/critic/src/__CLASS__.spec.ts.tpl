import * as tf from '@tensorflow/tfjs';
import { diagPart } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { __CLASS__ } from './__CLASS__.js';

/** x, y standard normal with correlation ρ: true MI = −½ log(1 − ρ²) nats. */
const RHO = 0.8;
const TRUE_MI = -0.5 * Math.log(1 - RHO * RHO);

function pairs(b: number, seed: number): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const x = tf.randomNormal([b, 1], 0, 1, 'float32', seed) as tf.Tensor2D;
  const y = tf.tidy(() => tf.add(tf.mul(RHO, x), tf.mul(Math.sqrt(1 - RHO * RHO), tf.randomNormal([b, 1], 0, 1, 'float32', seed + 1)))) as tf.Tensor2D;
  return { x, y };
}

/** InfoNCE bound of a `[B, B]` score matrix. */
const infoNce = (s: tf.Tensor2D): tf.Scalar =>
  tf.tidy(() => tf.add(tf.mean(tf.sub(diagPart(s), tf.logSumExp(s, 1))), Math.log(s.shape[0])) as tf.Scalar);

describe('__CLASS__', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('trained with InfoNCE, reaches the true MI of correlated Gaussians on fresh batches (ground truth)', () => {
    const critic = new __CLASS__({ xDim: 1, yDim: 1, options: {}, seed: 1 });
    const opt = tf.train.adam(1e-2);
    for (let step = 0; step < 400; step++) {
      const { x, y } = pairs(64, 1000 + 2 * step);
      opt.minimize(() => tf.neg(infoNce(critic.scores(x, y).scores)), false, [...critic.variables]);
      tf.dispose([x, y]);
    }
    const values = Array.from({ length: 8 }, (_, k) => {
      const { x, y } = pairs(256, 50 + 2 * k);
      const v = tf.tidy(() => infoNce(critic.scores(x, y).scores).dataSync()[0]!);
      tf.dispose([x, y]);
      return v;
    });
    const mean = values.reduce((a, v) => a + v, 0) / values.length;
    expect(mean).toBeLessThan(TRUE_MI + 0.05); // a lower bound (batch sd ≈ 0.05, 8 batches)
    expect(mean).toBeGreaterThan(TRUE_MI - 0.12); // and a trained critic gets close to it
    opt.dispose();
    critic.dispose();
  }, 120_000);

  it('scores are [B, B] with pairScores on the diagonal; dispose frees every variable', () => {
    const before = tf.memory().numTensors;
    const critic = new __CLASS__({ xDim: 2, yDim: 3, options: { hidden: 4, embed: 2 }, seed: 0 });
    const x = tf.randomNormal([5, 2], 0, 1, 'float32', 1) as tf.Tensor2D;
    const y = tf.randomNormal([5, 3], 0, 1, 'float32', 2) as tf.Tensor2D;
    const { scores } = critic.scores(x, y);
    expect(scores.shape).toEqual([5, 5]);
    const diag = tf.tidy(() => diagPart(scores).arraySync());
    const pair = critic.pairScores(x, y);
    (pair.arraySync() as number[]).forEach((v, i) => expect(v).toBeCloseTo(diag[i]!, 5));
    tf.dispose([x, y, scores, pair]);
    critic.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad options and an aux head, naming the field and itself', () => {
    expect(() => new __CLASS__({ xDim: 1, yDim: 1, options: { hidden: 0 }, seed: 0 })).toThrow(/critic\.options\.hidden: .*\(critic "__ID__"\)/);
    expect(() => new __CLASS__({ xDim: 1, yDim: 1, options: {}, seed: 0, aux: 'rowBaseline' })).toThrow(/__ID__.*no auxiliary head/);
  });
});
