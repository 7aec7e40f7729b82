import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { __CLASS__ } from './__CLASS__.js';

/** x, y standard normal with correlation ρ: true MI = −½ log(1 − ρ²) nats. */
const RHO = 0.8;
const TRUE_MI = -0.5 * Math.log(1 - RHO * RHO);

/** `[B, B]` scores of the optimal critic, the exact log density ratio log p(y_j | x_i) − log p(y_j). */
function optimalScores(b: number, seed: number): tf.Tensor2D {
  return tf.tidy(() => {
    const x = tf.randomNormal([b, 1], 0, 1, 'float32', seed);
    const y = tf.add(tf.mul(RHO, x), tf.mul(Math.sqrt(1 - RHO * RHO), tf.randomNormal([b, 1], 0, 1, 'float32', seed + 1)));
    const diff = tf.sub(tf.transpose(y), tf.mul(RHO, x)); // [B, B]: y_j − ρ x_i
    const v = 1 - RHO * RHO;
    return tf.add(tf.sub(tf.div(tf.square(tf.transpose(y)), 2), tf.div(tf.square(diff), 2 * v)), -0.5 * Math.log(v)) as tf.Tensor2D;
  });
}

/** The same bound in plain float64 loops, written independently of the tensor code. */
function reference(s: number[][], tau: number): number {
  const b = s.length;
  let total = 0;
  for (let i = 0; i < b; i++) {
    const row = s[i]!.map((v) => v / tau);
    const m = Math.max(...row);
    total += row[i]! - (m + Math.log(row.reduce((a, v) => a + Math.exp(v - m), 0)));
  }
  return total / b + Math.log(b);
}

describe('__CLASS__', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('is a lower bound close to the true MI with the optimal critic (ground truth: correlated Gaussians)', () => {
    const o = new __CLASS__();
    const values = Array.from({ length: 10 }, (_, k) => {
      const s = optimalScores(256, 100 + 2 * k);
      const out = o.evaluate({ scores: s });
      const v = out.mi.dataSync()[0]!;
      tf.dispose([s, out.loss, out.mi, out.bound!]);
      return v;
    });
    const mean = values.reduce((a, v) => a + v, 0) / values.length;
    // InfoNCE with the exact ratio sits just below the truth at B = 256 (sd of a batch ≈ 0.05).
    expect(mean).toBeLessThan(TRUE_MI + 0.03);
    expect(mean).toBeGreaterThan(TRUE_MI - 0.06);
  });

  it('equals the formula, with its loss the negated bound, for tau = 0.5; leaks no tensors', () => {
    const s = [[2, 0.1, -0.3], [0.4, 1.5, 0.2], [-1, 0.3, 2.5]];
    const before = tf.memory().numTensors;
    const scores = tf.tensor2d(s);
    const out = new __CLASS__({ tau: 0.5 }).evaluate({ scores });
    expect(out.mi.dataSync()[0]).toBeCloseTo(reference(s, 0.5), 5);
    expect(out.loss.dataSync()[0]).toBeCloseTo(-reference(s, 0.5), 5);
    tf.dispose([scores, out.loss, out.mi, out.bound!]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad options and non-square scores, naming the field and itself', () => {
    expect(() => new __CLASS__({ tau: -1 })).toThrow(/objective\.options\.tau: .*\(objective "__ID__"\)/);
    expect(() => new __CLASS__({ temperature: 2 })).toThrow(/temperature/);
    expect(() => new __CLASS__().evaluate({ scores: tf.zeros([2, 3]) as tf.Tensor2D })).toThrow(/__ID__/);
  });
});
