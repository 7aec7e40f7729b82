import * as tf from '@tensorflow/tfjs';
import { Rng, selectBackend } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPolicy } from './buildAdaptive.js';
import { exactCritic } from './exactCritic.js';
import { pitOf, posteriorCalibration } from './posteriorCalibration.js';
import { generateRollouts } from './RolloutSet.js';
import { testHost, testSequential } from './testHost.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const host = testHost();

describe(pitOf, () => {
  it('is the weighted share of draws below the truth (ties count half)', () => {
    const post = { priorSamples: [[1], [2], [3], [4]], logWeights: Float64Array.from([0.1, 0.2, 0.3, 0.4], Math.log) };
    expect(pitOf(post, 0, 2.5)).toBeCloseTo(0.3, 12);
    expect(pitOf(post, 0, 3)).toBeCloseTo(0.3 + 0.15, 12);
    expect(pitOf(post, 0, 0)).toBe(0);
    expect(pitOf(post, 0, 9)).toBeCloseTo(1, 12);
  });
});

describe(posteriorCalibration, () => {
  // PK, T = 3, random designs: rollouts from the joint, posteriors by importance sampling.
  const seq = testSequential(host, 'pharmacokinetic', { T: 3 });
  const policy = buildPolicy(host, { id: 'random', options: {} }, seq, 3, 'test');
  const rollouts = generateRollouts(policy, seq, 300, new Rng(11));
  const opts = { priorSamples: 3000, levels: [0.5, 0.9], bins: 5 };

  it('the exact posterior is calibrated: coverage within 4 binomial s.e. of the level, flat rank histogram', () => {
    const before = tf.memory().numTensors;
    const c = posteriorCalibration(exactCritic(seq, 'theta', 1.5), 'theta', seq, rollouts, opts, new Rng(5));
    expect(tf.memory().numTensors).toBe(before);
    expect(c.rollouts).toBe(300);
    for (const p of c.parameters) {
      c.levels.forEach((l, j) => expect(Math.abs(p.coverage[j]! - l)).toBeLessThan(4 * Math.sqrt((l * (1 - l)) / 300)));
      expect(p.pitHistogram.reduce((s, v) => s + v, 0)).toBe(300);
      expect(p.chi2).toBeLessThan(20); // χ²(4): P(> 20) ≈ 5e-4
      expect(p.calibrated, p.name).toBe(true); // χ² ≤ 9.49, the 95 % point of χ²(4)
    }
    // The data are informative: V is pinned far better than by its prior mean.
    expect(c.parameters[2]!.rmseOverPriorSd).toBeLessThan(0.8);
  });

  it('an over-confident posterior (likelihood to the power 4) fails the same check', () => {
    const c = posteriorCalibration(exactCritic(seq, 'theta', 0, 4), 'theta', seq, rollouts, opts, new Rng(5));
    const worst = Math.min(...c.parameters.map((p) => p.coverage[1]!));
    expect(worst).toBeLessThan(0.9 - 4 * Math.sqrt((0.9 * 0.1) / 300));
    expect(Math.max(...c.parameters.map((p) => p.chi2))).toBeGreaterThan(20);
    expect(c.parameters.some((p) => !p.calibrated)).toBe(true);
  });
});
