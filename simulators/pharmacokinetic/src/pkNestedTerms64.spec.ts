import * as tf from '@tensorflow/tfjs';
import { Rng, selectBackend } from '@infobed/core';
import { meanStderr, nestedTerms } from '@infobed/evaluate';
import { beforeAll, describe, expect, it } from 'vitest';
import { PharmacokineticSimulator } from './PharmacokineticSimulator.js';
import { parsePkOptions } from './pkOptions.js';
import { pkLogLikelihood64, pkNestedTerms64 } from './pkNestedTerms64.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const o = parsePkOptions({ T: 5 });
const BEST_KNOWN = [0.5, 0.5, 5, 20, 21];
const EQUAL = [0.0833, 6.04, 11.99, 17.95, 23.9];

describe(pkNestedTerms64, () => {
  it('has the same log-likelihood as the simulator (float32 tensors)', () => {
    const sim = new PharmacokineticSimulator();
    const rng = new Rng(5);
    const theta = sim.samplePrior(40, rng);
    const y = sim.simulate(theta, tf.tensor1d(EQUAL), sim.sampleNoise(40, rng));
    const ll = sim.logLikelihood(y, theta, tf.tensor1d(EQUAL)).arraySync() as number[][];
    const [ys, th] = [y.arraySync() as number[][], theta.arraySync() as number[][]];
    for (let i = 0; i < 40; i++) {
      for (let j = 0; j < 40; j += 7) {
        const [ka, ke, v] = th[j]!;
        const ll64 = pkLogLikelihood64(ys[i]!, ka!, ke!, v!, EQUAL, o);
        expect(Math.abs(ll64 - ll[i]![j]!)).toBeLessThan(1e-4 * Math.max(1, Math.abs(ll64)));
      }
    }
    tf.dispose([theta, y]);
  });

  it('estimates the same sPCE as the tensor evaluator, and shares its draws across designs', () => {
    const sim = new PharmacokineticSimulator();
    const [n, l] = [400, 400];
    const [best, equal] = pkNestedTerms64([BEST_KNOWN, EQUAL], o, n, l, new Rng(3));
    const alone = pkNestedTerms64([EQUAL], o, n, l, new Rng(3))[0]!;
    expect(Array.from(alone.spce)).toEqual(Array.from(equal!.spce)); // common random numbers
    for (const [design, t64] of [[BEST_KNOWN, best!], [EQUAL, equal!]] as const) {
      const t32 = nestedTerms(sim, design, { outer: n, inner: l }, new Rng(4)); // independent draws
      const [a, b] = [meanStderr(t64.spce), meanStderr(t32.spce)];
      expect(Math.abs(a.mean - b.mean)).toBeLessThan(4 * Math.hypot(a.stderr, b.stderr));
      t64.spce.forEach((v) => expect(v).toBeLessThanOrEqual(Math.log(l + 1) + 1e-12));
      const [c, d] = [meanStderr(t64.snmc), meanStderr(t32.snmc)];
      expect(Math.abs(c.mean - d.mean)).toBeLessThan(4 * Math.hypot(c.stderr, d.stderr));
    }
    // The known ordering (docs/simulators.md): best known ≈ 0.5 nats above equal intervals, paired.
    const diff = meanStderr(best!.spce.map((v, k) => v - equal!.spce[k]!));
    expect(diff.mean).toBeGreaterThan(0.3);
    expect(diff.mean - 4 * diff.stderr).toBeGreaterThan(0);
  });

  it('refuses a design of the wrong length', () => {
    expect(() => pkNestedTerms64([[1, 2]], o, 10, 10, new Rng(0))).toThrow(/T = 5/);
  });
});
