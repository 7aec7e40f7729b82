import * as tf from '@tensorflow/tfjs';
import { Rng, selectBackend, type Simulator } from '@infobed/core';
import { LinearGaussianFixture } from '@infobed/evaluate/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { likelihoodPosterior } from './likelihoodPosterior.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe(likelihoodPosterior, () => {
  const sim = new LinearGaussianFixture([[9, 0], [0, 9]], 1, 2);
  const design = [-2, 2];
  const yObs = [2 - 2 * 5 + 0.3, 2 + 2 * 5 - 0.5];

  it('is the exact linear-Gaussian posterior within its Monte Carlo error, and leaks no tensors', () => {
    const before = tf.memory().numTensors;
    const post = likelihoodPosterior(sim, yObs, design, { priorSamples: 50_000, resample: 0 }, new Rng(3));
    expect(tf.memory().numTensors).toBe(before);
    const truth = sim.posterior(design, yObs);
    expect(post.ess).toBeGreaterThan(500);
    [0, 1].forEach((i) => {
      const sd = Math.sqrt(truth.cov[i]![i]!);
      expect(Math.abs(post.mean[i]! - truth.mean[i]!)).toBeLessThan((4 * sd) / Math.sqrt(post.ess));
      expect(Math.abs(post.cov[i]![i]! - truth.cov[i]![i]!)).toBeLessThan(4 * truth.cov[i]![i]! * Math.sqrt(2 / post.ess));
    });
  });

  it('refuses a simulator without a likelihood, naming it', () => {
    const implicit = { ...sim, id: 'implicit', logLikelihood: undefined } as unknown as Simulator;
    expect(() => likelihoodPosterior(implicit, yObs, design, { priorSamples: 10 }, new Rng(0))).toThrow(/simulator "implicit" has no likelihood/);
  });
});
