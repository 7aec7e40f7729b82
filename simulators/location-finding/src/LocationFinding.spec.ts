import * as tf from '@tensorflow/tfjs';
import { BedError, Rng, selectBackend, sequentialFromStatic, type StepwiseModel } from '@infobed/core';
import { PkStep } from '@infobed/simulator-pharmacokinetic';
import { parsePkOptions } from '@infobed/simulator-pharmacokinetic';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocationFindingSimulator } from './LocationFindingSimulator.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const lf = new LocationFindingSimulator({ T: 3 });
const pk = new PkStep(parsePkOptions({}));

/** ∫ p(y | θ, ξ) dy by the trapezoid rule on a fine grid, for a few (θ, ξ). */
function integrate(step: StepwiseModel, theta: number[], design: number[], lo: number, hi: number, n = 20_001): number {
  const ys = Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
  const ll = tf.tidy(() => step.pairedLogLikelihood(tf.tensor2d(ys, [n, 1]), tf.tile(tf.tensor2d([theta]), [n, 1]), tf.tile(tf.tensor2d([design]), [n, 1])).dataSync());
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.exp(ll[i]!) * (i === 0 || i === n - 1 ? 0.5 : 1);
  return (s * (hi - lo)) / (n - 1);
}

describe('per-step likelihoods are normalised densities in y', () => {
  it.each([
    [[0.3, -0.2, 1.1, 0.4], [0, 0]],
    [[0.3, -0.2, 1.1, 0.4], [0.29, -0.21]], // next to a source: log μ ≈ 9
    [[-2, 2, 2, -2], [5, 5]],
  ])('location finding θ = %j, ξ = %j', (theta, design) => {
    expect(integrate(lf.stepwise, theta, design, -10, 15)).toBeCloseTo(1, 4);
  });
  it.each([[[1, 0.1, 20], [0.5]], [[1.3, 0.08, 18], [6]], [[0.9, 0.12, 22], [23]]])('PK θ = %j, t = %j h', (theta, t) => {
    expect(integrate(pk, theta, t, -5, 40)).toBeCloseTo(1, 4);
  });
});

describe('location finding', () => {
  it('samples y = log μ + σε: mean log μ, sd 0.5 (θ fixed)', () => {
    const n = 20_000;
    const [m, sd] = tf.tidy(() => {
      const theta = tf.tile(tf.tensor2d([[1, 0, -1, 0]]), [n, 1]);
      const d = tf.tile(tf.tensor2d([[0, 0]]), [n, 1]);
      const y = lf.stepwise.simulate(theta, d, lf.stepwise.sampleNoise(n, new Rng(1)));
      const mo = tf.moments(y);
      return [mo.mean.dataSync()[0]!, Math.sqrt(mo.variance.dataSync()[0]!)];
    });
    const logMu = Math.log(0.1 + 2 / (1e-4 + 1)); // both sources at distance 1
    expect(Math.abs(m - logMu)).toBeLessThan(4 * (0.5 / Math.sqrt(n)));
    expect(sd).toBeCloseTo(0.5, 2);
  });

  it('all-pairs, paired, CPU float64 and static likelihoods agree', () => {
    const rng = new Rng(3);
    const theta = lf.samplePrior(6, rng);
    const design = tf.tensor2d([[0.5, -1], [2, 0.3], [0, 0], [-1, -1], [0.1, 0.2], [3, 3]]);
    const y = lf.stepwise.simulate(theta, design, lf.stepwise.sampleNoise(6, rng));
    const all = lf.stepwise.logLikelihood(y, theta, design).arraySync();
    const paired = lf.stepwise.pairedLogLikelihood(y, theta, design).arraySync();
    const th = theta.dataSync() as Float32Array;
    const ys = y.arraySync();
    const ds = design.arraySync();
    for (let i = 0; i < 6; i++) {
      expect(all[i]![i]!).toBeCloseTo(paired[i]!, 3);
      const out = new Float64Array(6);
      lf.stepwise.accumulateLogLikelihood(ys[i]!, th, ds[i]!, out);
      out.forEach((v, j) => expect(v).toBeCloseTo(all[i]![j]!, 3));
    }
    // Static form: design [2T] = three points; log-likelihood = sum of the three steps.
    const flat = [0.5, -1, 2, 0.3, 0, 0];
    const yStatic = lf.simulate(theta, tf.tensor1d(flat), { z: tf.zeros([6, 3]) });
    const llStatic = lf.logLikelihood(yStatic, theta, tf.tensor1d(flat)).arraySync();
    const bySteps = [0, 1, 2].map((t) => lf.stepwise.logLikelihood(tf.slice(yStatic, [0, t], [-1, 1]), theta, tf.tile(tf.tensor2d([flat.slice(2 * t, 2 * t + 2)]), [6, 1])).arraySync());
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) expect(llStatic[i]![j]!).toBeCloseTo(bySteps[0]![i]![j]! + bySteps[1]![i]![j]! + bySteps[2]![i]![j]!, 3);
    tf.dispose([theta, design, y, yStatic]);
  });

  it('runs sequentially (T = 3 measurements of one point) and rejects bad shapes and options naming them', () => {
    const seq = sequentialFromStatic(lf);
    expect([seq.T, seq.step.designDim, seq.step.obsDim]).toEqual([3, 2, 1]);
    expect(() => lf.stepwise.logLikelihood(tf.zeros([2, 1]), tf.zeros([3, 3]), tf.zeros([2, 2]))).toThrow(/theta must be \[n, 4\]/);
    expect(() => lf.simulate(tf.zeros([2, 4]), tf.zeros([4]), { z: tf.zeros([2, 3]) })).toThrow(/design must be \[6\]/);
    try {
      new LocationFindingSimulator({ T: 0 });
      expect.unreachable();
    } catch (e) {
      expect(BedError.is(e, 'invalidConfig')).toBe(true);
      expect((e as Error).message).toMatch(/simulator\.options\.T/);
    }
  });

  it('leaks no tensors', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => lf.logLikelihood(lf.simulate(lf.samplePrior(4, new Rng(0)), tf.zeros([6]), lf.sampleNoise(4, new Rng(1))), lf.samplePrior(5, new Rng(2)), tf.zeros([6]))).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
