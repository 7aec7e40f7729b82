import * as tf from '@tensorflow/tfjs';
import { DesignSpace, infoNceBound, type Simulator } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { infoNceSampleRewards, ScoreFunctionGradient } from './scoreFunctionGradient.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * A toy discrete problem small enough to enumerate: B = 3 fixed θ, y_k ∈ {0, 1} with
 * p(y = 1 | θ, ξ) = sigmoid(ξ θ + 0.3), and a fixed nonlinear critic T(θ, y) = 1.5 (θ − 0.2) y + 0.8 θ² y.
 */
const THETA = [-1, 0.5, 2];
const B = THETA.length;
const T = (th: number, y: number): number => 1.5 * (th - 0.2) * y + 0.8 * th * th * y;
const p1 = (th: number, xi: number): number => 1 / (1 + Math.exp(-(xi * th + 0.3)));
const configs = Array.from({ length: 2 ** B }, (_, c) => THETA.map((_, k) => (c >> k) & 1));
const scoresOf = (y: number[]): number[][] => THETA.map((th) => y.map((yj) => T(th, yj)));
const prob = (y: number[], xi: number): number => y.reduce((a, yk, k) => a * (yk ? p1(THETA[k]!, xi) : 1 - p1(THETA[k]!, xi)), 1);
const bound = (s: number[][]): number =>
  s.reduce((a, row, i) => a + row[i]! - Math.log(row.reduce((b, v) => b + Math.exp(v), 0)), 0) / B + Math.log(B);
const expectedBound = (xi: number): number => configs.reduce((a, y) => a + prob(y, xi) * bound(scoresOf(y)), 0);

const sim = {
  id: 'toy-bernoulli',
  logLikelihood: (y: tf.Tensor2D, theta: tf.Tensor2D, d: tf.Tensor1D) =>
    tf.tidy(() => {
      const p = tf.sigmoid(tf.add(tf.mul(tf.transpose(theta), d), 0.3)); // [1, m]
      return tf.add(tf.mul(y, tf.log(p)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, p)))) as tf.Tensor2D;
    }),
} as unknown as Simulator;
const space = new DesignSpace({ dim: 1, lower: -5, upper: 5, transform: 'box' });

describe('infoNceSampleRewards', () => {
  it('B·bound − r_k does not change when y_k (column k of the scores) changes', () => {
    const s0 = [
      [0.3, -1.2, 2.0, 0.1],
      [1.1, 0.4, -0.7, 0.9],
      [-0.5, 0.8, 1.6, -2.2],
      [0.0, 1.3, -0.4, 0.6],
    ];
    for (let k = 0; k < 4; k++) {
      const s1 = s0.map((row, i) => row.map((v, j) => (j === k ? v + 0.9 * (i + 1) - 1.7 : v)));
      const rest = [s0, s1].map((s) =>
        tf.tidy(() => {
          const m = tf.tensor2d(s);
          return 4 * infoNceBound(m).dataSync()[0]! - infoNceSampleRewards(m).dataSync()[k]!;
        }),
      );
      expect(Math.abs(rest[0]! - rest[1]!), `k = ${k}`).toBeLessThan(1e-5);
    }
  });
});

describe('ScoreFunctionGradient', () => {
  it('is unbiased: its exact expectation (all 2^B outcomes) equals −d/dξ E[InfoNCE bound]', () => {
    const xi = 0.7;
    const h = 1e-4;
    const truth = -(expectedBound(xi + h) - expectedBound(xi - h)) / (2 * h);
    const before = tf.memory().numTensors;
    let mean = 0;
    for (const y of configs) {
      const sf = new ScoreFunctionGradient(sim);
      const raw = tf.tidy(() => tf.variable(tf.tensor1d([xi])));
      const g = tf.tidy(() => {
        const theta = tf.tensor2d(THETA, [B, 1]);
        // A first step sets a non-zero baseline (the bias-corrected mean reward of another batch).
        const other = [1, 1, 0];
        tf.dispose(sf.gradient(theta, tf.tensor2d(other, [B, 1]), tf.tensor2d(scoresOf(other)), raw, space, 1));
        return sf.gradient(theta, tf.tensor2d(y, [B, 1]), tf.tensor2d(scoresOf(y)), raw, space, 2).dataSync()[0]!;
      });
      mean += prob(y, xi) * g;
      sf.dispose();
      raw.dispose();
    }
    expect(Math.abs(truth)).toBeGreaterThan(0.05); // a real slope to match
    expect(Math.abs(mean - truth), `score-function ${mean} vs exact ${truth}`).toBeLessThan(1e-4);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a simulator without logLikelihood, naming it', () => {
    expect(() => new ScoreFunctionGradient({ id: 'no-lik' } as unknown as Simulator)).toThrow(/simulator "no-lik": designGradient 'score-function' needs logLikelihood/);
  });
});
