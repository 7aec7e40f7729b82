import * as tf from '@tensorflow/tfjs';
import { BedError, Rng, selectBackend } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { exactCritic } from './exactCritic.js';
import { historyPosterior, historyLikelihoodPosterior } from './historyPosterior.js';
import { testHost, testSequential } from './testHost.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const host = testHost();

describe(historyPosterior, () => {
  const seq = testSequential(host, 'pharmacokinetic', { T: 3 });
  const history = { designs: [[0.5], [4], [20]], observations: [[6.1], [11.3], [5.2]] };

  it('with the exact log-likelihood as critic it is the likelihood posterior (row layout, raw designs, either contrast, shift in h cancels)', () => {
    const opts = { priorSamples: 4000, resample: 1000 };
    const ref = historyLikelihoodPosterior(seq, history, opts, new Rng(7));
    expect(ref.ess).toBeGreaterThan(20);
    expect(ref.ess).toBeLessThan(4000); // the data are informative
    for (const [contrast, shift] of [['history', 0], ['theta', 0], ['theta', 3.5]] as const) {
      const before = tf.memory().numTensors;
      const post = historyPosterior(exactCritic(seq, contrast, shift), seq, history, { ...opts, chunk: 700 }, new Rng(7), contrast);
      expect(tf.memory().numTensors).toBe(before);
      expect(post.priorSamples).toEqual(ref.priorSamples); // common prior draws
      expect(post.ess).toBeCloseTo(ref.ess, 0);
      post.mean.forEach((v, a) => expect(Math.abs(v - ref.mean[a]!)).toBeLessThan(1e-4 * Math.abs(ref.mean[a]!)));
    }
    // The posterior moves from the prior: V (prior mean 20·e^0.025) is pinned by the concentrations.
    expect(Math.sqrt(ref.cov[2]![2]!)).toBeLessThan(0.8 * 20 * Math.sqrt(Math.exp(0.05) - 1));
  });

  it('refuses an unfinished history and bad options, naming the field', () => {
    const critic = exactCritic(seq, 'history');
    const cases: [() => unknown, RegExp][] = [
      [() => historyPosterior(critic, seq, { designs: [[1]], observations: [[1]] }, { priorSamples: 10 }, new Rng(0)), /history: expected T = 3/],
      [() => historyPosterior(critic, seq, history, { priorSamples: 0 }, new Rng(0)), /posterior: priorSamples/],
    ];
    const kindOf = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return BedError.is(e) ? e.kind : 'not a BedError';
      }
      return undefined;
    };
    for (const [f, re] of cases) {
      expect(f).toThrow(re);
      expect(kindOf(f)).toBe('invalidArgument');
    }
  });
});
