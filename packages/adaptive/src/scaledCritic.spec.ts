import * as tf from '@tensorflow/tfjs';
import { Rng, selectBackend } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPolicy } from './buildAdaptive.js';
import { measureCriticScaling, scaledCritic } from './scaledCritic.js';
import { testHost, testSequential } from './testHost.js';
import { trainPolicy } from './trainPolicy.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const host = testHost();
const gru = { encoding: 8, encoderHidden: [16], width: 16, emitterHidden: [16] };

describe(scaledCritic, () => {
  it('measures prior and history moments of the untrained policy (PK: θ means = log-normal means; the first design is constant, sd 1)', () => {
    const seq = testSequential(host, 'pharmacokinetic', { T: 2 });
    const policy = buildPolicy(host, { id: 'gru', options: gru }, seq, 3, 'test');
    const s = measureCriticScaling(policy, seq, 4000, new Rng(5));
    const mu = [0, Math.log(0.1), Math.log(20)];
    mu.forEach((m, a) => {
      const mean = Math.exp(m + 0.025); // log-variance 0.05
      const sd = mean * Math.sqrt(Math.exp(0.05) - 1);
      expect(Math.abs(s.thetaMean[a]! - mean)).toBeLessThan((4 * sd) / Math.sqrt(4000));
      expect(s.thetaSd[a]! / sd).toBeGreaterThan(0.9);
      expect(s.thetaSd[a]! / sd).toBeLessThan(1.1);
    });
    expect(s.historyMean).toHaveLength(4); // raw ξ_1, y_1, raw ξ_2, y_2
    expect(s.historySd[0]).toBe(1); // every rollout's first design is the same
    expect(s.historySd[1]).toBeGreaterThan(0.5); // concentrations vary with θ
    policy.dispose();
  });

  it('scores standardised inputs, rows θ (contrast history) or rows histories (contrast theta)', () => {
    const s = { thetaMean: [1, 2], thetaSd: [2, 4], historyMean: [0, -1, 3], historySd: [1, 0.5, 2] };
    const th = tf.tensor2d([[1, 2], [3, 10], [-1, 0]]);
    const h = tf.tensor2d([[0, -1, 3], [1, 0, 5], [2, 2, 1]]);
    const std = (a: tf.Tensor2D, m: number[], sd: number[]) => tf.div(tf.sub(a, m), sd) as tf.Tensor2D;
    for (const contrast of ['history', 'theta'] as const) {
      const [xDim, yDim] = contrast === 'theta' ? [3, 2] : [2, 3];
      const inner = host.critic('separable').create({ xDim, yDim, options: { hidden: [8], embed: 4 }, seed: 1 });
      const c = scaledCritic(inner, s, contrast);
      const [x, y] = contrast === 'theta' ? [h, th] : [th, h];
      const [sx, sy] = contrast === 'theta' ? [std(h, s.historyMean, s.historySd), std(th, s.thetaMean, s.thetaSd)] : [std(th, s.thetaMean, s.thetaSd), std(h, s.historyMean, s.historySd)];
      const got = tf.tidy(() => c.scores(x, y).scores.arraySync());
      const want = tf.tidy(() => inner.scores(sx, sy).scores.arraySync());
      got.flat().forEach((v, i) => expect(v).toBeCloseTo(want.flat()[i]!, 5));
      const pair = tf.tidy(() => c.pairScores(x, y).arraySync());
      pair.forEach((v, i) => expect(v).toBeCloseTo(want[i]![i]!, 5));
      expect(c.variables).toEqual(inner.variables);
      c.dispose();
      tf.dispose([sx, sy]);
    }
    tf.dispose([th, h]);
  });

  it('the critic path with contrast theta and scaled inputs trains a PK policy (bound ≤ log B and rising), no leaks', async () => {
    const seq = testSequential(host, 'pharmacokinetic', { T: 2 });
    const policy = buildPolicy(host, { id: 'gru', options: gru }, seq, 1, 'test');
    const objective = host.objective('infonce').create({});
    const inner = host.critic('separable').create({ xDim: 4, yDim: 3, options: { hidden: [32], embed: 16 }, seed: 2 });
    const critic = scaledCritic(inner, measureCriticScaling(policy, seq, 512, new Rng(9)), 'theta');
    const before = tf.memory().numTensors;
    const r = await trainPolicy(policy, seq, { kind: 'critic', objective, critic, lrCritic: 3e-3, contrast: 'theta' }, { steps: 60, batch: 64, lr: 1e-3, recordEvery: 10 }, new Rng(0));
    expect(tf.memory().numTensors).toBe(before);
    expect(r.history.every((x) => Number.isFinite(x.bound) && x.bound <= Math.log(64) + 1e-6)).toBe(true);
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(r.history.slice(-2).map((x) => x.bound))).toBeGreaterThan(mean(r.history.slice(0, 2).map((x) => x.bound)));
    critic.dispose();
    policy.dispose();
  });
});
