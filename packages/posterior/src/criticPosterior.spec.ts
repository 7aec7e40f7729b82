import * as tf from '@tensorflow/tfjs';
import { BedError, Rng, selectBackend, type Critic } from '@infobed/core';
import { LinearGaussianFixture } from '@infobed/evaluate/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { criticPosterior } from './criticPosterior.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const design = [-2, 2];
const sim = new LinearGaussianFixture([[9, 0], [0, 9]], 1, 2);

/** The exact PMI log p(y|θ) − log p(y) of the fixture at `design`: a critic with nothing to learn. */
function exactCritic(): Critic {
  const x = sim.xOf(design); // [2, 2]
  // Marginal y ~ N(0, C), C = XΣ₀Xᵀ + σ²I.
  const c = [0, 1].map((i) => [0, 1].map((j) => 9 * (x[i]![0]! * x[j]![0]! + x[i]![1]! * x[j]![1]!) + (i === j ? 1 : 0)));
  const det = c[0]![0]! * c[1]![1]! - c[0]![1]! * c[1]![0]!;
  const cInv = [[c[1]![1]! / det, -c[0]![1]! / det], [-c[1]![0]! / det, c[0]![0]! / det]];
  const logMarginal = (y: tf.Tensor2D): tf.Tensor1D =>
    tf.sub(tf.mul(-0.5, tf.sum(tf.mul(tf.matMul(y, tf.tensor2d(cInv)), y), 1)), 0.5 * Math.log(det) + Math.log(2 * Math.PI)) as tf.Tensor1D;
  const d = tf.tensor1d(design);
  return {
    id: 'exact-pmi',
    variables: [],
    dispose: () => d.dispose(),
    scores: (th, y) => ({ scores: tf.tidy(() => tf.sub(tf.transpose(sim.logLikelihood(y, th, d)), tf.expandDims(logMarginal(y), 0)) as tf.Tensor2D) }),
    pairScores: (th, y) =>
      tf.tidy(() => {
        const mean = tf.matMul(th, tf.tensor2d(x), false, true);
        const ll = tf.sub(tf.mul(-0.5, tf.sum(tf.square(tf.sub(y, mean)), 1)), Math.log(2 * Math.PI));
        return tf.sub(ll, logMarginal(y)) as tf.Tensor1D;
      }),
  };
}

describe(criticPosterior, () => {
  const yObs = [2 - 2 * 5 + 0.3, 2 + 2 * 5 - 0.5]; // θ_true = (2, 5) (MINEBED tutorial), fixed noise

  it('recovers the analytic linear-Gaussian posterior mean and covariance with the true log-ratio critic', () => {
    const critic = exactCritic();
    const post = criticPosterior(critic, sim, yObs, design, { priorSamples: 50_000, resample: 20_000 }, new Rng(3));
    const truth = sim.posterior(design, yObs);
    expect(post.ess).toBeGreaterThan(500);
    expect(post.ess).toBeLessThanOrEqual(50_000);
    const sd = [0, 1].map((i) => Math.sqrt(truth.cov[i]![i]!));
    // Self-normalised IS: s.e. of the mean ≈ sd/√ESS; of a variance ≈ var·√(2/ESS).
    [0, 1].forEach((i) => {
      expect(Math.abs(post.mean[i]! - truth.mean[i]!)).toBeLessThan(4 * sd[i]! / Math.sqrt(post.ess));
      expect(Math.abs(post.cov[i]![i]! - truth.cov[i]![i]!)).toBeLessThan(4 * truth.cov[i]![i]! * Math.sqrt(2 / post.ess));
    });
    expect(Math.abs(post.cov[0]![1]!)).toBeLessThan(4 * sd[0]! * sd[1]! / Math.sqrt(post.ess)); // independent: X has orthogonal columns
    // Resampled draws: same mean, plus resampling noise.
    const rMean = [0, 1].map((i) => post.samples.reduce((a, s) => a + s[i]!, 0) / post.samples.length);
    [0, 1].forEach((i) => expect(Math.abs(rMean[i]! - truth.mean[i]!)).toBeLessThan(4 * sd[i]! * Math.sqrt(1 / post.ess + 1 / 20_000)));
    expect(post.samples.length).toBe(20_000);
    const total = post.logWeights.reduce((a, lw) => a + Math.exp(lw), 0);
    expect(total).toBeCloseTo(1, 9);
    critic.dispose();
  });

  it('is invariant to adding a function of y to the critic (the constant cancels)', () => {
    const critic = exactCritic();
    const shifted: Critic = { ...critic, pairScores: (th, y) => tf.tidy(() => tf.add(critic.pairScores(th, y), 1)) as tf.Tensor1D };
    const a = criticPosterior(critic, sim, yObs, design, { priorSamples: 2000, resample: 0 }, new Rng(4));
    const b = criticPosterior(shifted, sim, yObs, design, { priorSamples: 2000, resample: 0 }, new Rng(4));
    a.mean.forEach((v, i) => expect(b.mean[i]).toBeCloseTo(v, 6)); // float32 scores
    expect(b.ess).toBeCloseTo(a.ess, 3);
    critic.dispose();
  });

  it('rejects bad arguments naming the field, and leaks no tensors', () => {
    const critic = exactCritic();
    const before = tf.memory().numTensors;
    criticPosterior(critic, sim, yObs, design, { priorSamples: 100, chunk: 30 }, new Rng(5));
    expect(tf.memory().numTensors).toBe(before);
    const bad: [() => unknown, RegExp][] = [
      [() => criticPosterior(critic, sim, [1], design, { priorSamples: 10 }, new Rng(0)), /posterior: yObs/],
      [() => criticPosterior(critic, sim, yObs, [1], { priorSamples: 10 }, new Rng(0)), /design: expected 2/],
      [() => criticPosterior(critic, sim, yObs, design, { priorSamples: 0 }, new Rng(0)), /posterior: priorSamples/],
      [() => criticPosterior(critic, sim, yObs, design, { priorSamples: 10, resample: -1 }, new Rng(0)), /posterior: resample/],
    ];
    for (const [f, re] of bad) {
      try {
        f();
        expect.unreachable();
      } catch (e) {
        expect(BedError.is(e, 'invalidArgument')).toBe(true);
        expect((e as Error).message).toMatch(re);
      }
    }
    critic.dispose();
  });
});
