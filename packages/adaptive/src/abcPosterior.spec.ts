import * as tf from '@tensorflow/tfjs';
import { Rng, selectBackend } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { abcPosterior } from './abcPosterior.js';
import { historyLikelihoodPosterior } from './historyPosterior.js';
import { testHost, testSequential } from './testHost.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe(abcPosterior, () => {
  const seq = testSequential(testHost(), 'pharmacokinetic', { T: 3 });
  const history = { designs: [[0.5], [4], [20]], observations: [[6.1], [11.3], [5.2]] };

  it('matches the exact-likelihood posterior of PK (means within 0.75 posterior sd, sd within 25 %)', () => {
    const ref = historyLikelihoodPosterior(seq, history, { priorSamples: 20_000, resample: 0 }, new Rng(7));
    const before = tf.memory().numTensors;
    const abc = abcPosterior(seq, history, { draws: 20_000, keep: 200 }, new Rng(3));
    expect(tf.memory().numTensors).toBe(before);
    expect(abc.samples).toHaveLength(200);
    seq.thetaNames.forEach((_, a) => {
      const v = abc.samples.map((r) => r[a]!);
      const m = v.reduce((s, x) => s + x, 0) / v.length;
      const sd = Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / v.length);
      const sdRef = Math.sqrt(ref.cov[a]![a]!);
      expect(Math.abs(m - ref.mean[a]!)).toBeLessThan(0.75 * sdRef);
      expect(sd / sdRef).toBeGreaterThan(0.8);
      expect(sd / sdRef).toBeLessThan(1.25);
    });
  });

  it('refuses an unfinished history and keep > draws', () => {
    expect(() => abcPosterior(seq, { designs: [[1]], observations: [[1]] }, { draws: 10, keep: 1 }, new Rng(0))).toThrow(/history: expected T = 3/);
    expect(() => abcPosterior(seq, history, { draws: 10, keep: 11 }, new Rng(0))).toThrow(/keep/);
  });
});
