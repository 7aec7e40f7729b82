import * as tf from '@tensorflow/tfjs';
import { BedError, Rng, selectBackend, type Simulator } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateDesign } from './evaluateDesign.js';
import { LinearGaussianFixture } from './LinearGaussianFixture.js';
import { nmcEig } from './nmcEig.js';
import { spceBracket } from './spceBracket.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const nine = [[9, 0], [0, 9]];
const pe10 = [-2, -2, -2, -2, -2, 2, 2, 2, 2, 2];

describe('closed form of the fixture (specs/simulators.md §1.2 table)', () => {
  it.each([
    [[0], 1, 1.1513], [[1], 1, 1.4722], [[5], 1, 2.7298], [[10], 3, 2.3125],
    [new Array(10).fill(2), 1, 3.0557], [pe10, 1, 5.1999], [pe10, 3, 3.0557],
  ])('design %j, σ = %d → %d nats', (d, sd, want) => {
    expect(new LinearGaussianFixture(nine, sd, d.length).analyticEig(d)).toBeCloseTo(want, 4);
  });
  it('Σ₀ = [[1, .5], [.5, 2]], X = [[1,0],[0,1],[1,1]], σ = 0.5 → 2.3637', () => {
    expect(new LinearGaussianFixture([[1, 0.5], [0.5, 2]], 0.5, 1, [[1, 0], [0, 1], [1, 1]]).analyticEig([0])).toBeCloseTo(2.3637, 4);
  });
});

describe('nested estimators vs the closed form (tolerance 3 standard errors)', () => {
  const cases: [string, LinearGaussianFixture, number[], number, number][] = [
    ['D=1, d=2, Σ₀=9I, σ=1', new LinearGaussianFixture(nine, 1, 1), [2], 1000, 2000],
    ['3×2 design, correlated prior, σ=0.5', new LinearGaussianFixture([[1, 0.5], [0.5, 2]], 0.5, 1, [[1, 0], [0, 1], [1, 1]]), [0], 1000, 2000],
    ['D=10 PE optimum, Σ₀=9I, σ=1 (5.2 nats)', new LinearGaussianFixture(nine, 1, 10), pe10, 500, 20_000],
  ];
  it.each(cases)('%s', (_name, sim, d, outer, inner) => {
    const truth = sim.analyticEig(d);
    const b = spceBracket(sim, d, { outer, inner }, new Rng(7));
    expect(Math.abs(b.lower! - truth)).toBeLessThanOrEqual(3 * b.stderr);
    expect(Math.abs(b.upper! - truth)).toBeLessThanOrEqual(3 * b.upperStderr!);
    expect(b.lower!).toBeLessThanOrEqual(b.upper!);
    const n = nmcEig(sim, d, { outer, inner }, new Rng(7));
    expect(n.value).toBe(b.upper); // same draws: NMC is the sNMC upper bound
  });

  it('sPCE never exceeds log(L + 1), however large the EIG', () => {
    const sim = new LinearGaussianFixture(nine, 1, 10);
    const b = spceBracket(sim, pe10, { outer: 200, inner: 10 }, new Rng(3));
    expect(b.lower!).toBeLessThanOrEqual(Math.log(11));
    expect(b.upper!).toBeGreaterThan(b.lower! + 0.5); // the bracket is wide when L is too small
  });
});

describe(evaluateDesign, () => {
  const sim = new LinearGaussianFixture(nine, 1, 1);

  it('passes the closed form through', () => {
    expect(evaluateDesign(sim, [5], { method: 'analytic' }, new Rng(0))).toEqual({ method: 'analytic', value: sim.analyticEig([5]), stderr: 0 });
  });

  it('is reproducible: same seed, same draws (common random numbers across designs)', () => {
    const a = evaluateDesign(sim, [1], { method: 'spce', outer: 50, inner: 100 }, new Rng(11));
    const b = evaluateDesign(sim, [1], { method: 'spce', outer: 50, inner: 100 }, new Rng(11));
    const c = evaluateDesign(sim, [1], { method: 'spce', outer: 50, inner: 100 }, new Rng(12));
    expect(a).toEqual(b);
    expect(c.value).not.toBe(a.value);
  });

  it('rejects bad designs, budgets and methods naming the field', () => {
    const expectErr = (f: () => unknown, kind: 'invalidArgument', re: RegExp): void => {
      try {
        f();
        expect.unreachable();
      } catch (e) {
        expect(BedError.is(e, kind)).toBe(true);
        expect((e as Error).message).toMatch(re);
      }
    };
    expectErr(() => evaluateDesign(sim, [1, 2], { method: 'spce', outer: 10, inner: 10 }, new Rng(0)), 'invalidArgument', /design: expected 1/);
    expectErr(() => evaluateDesign(sim, [11], { method: 'nmc', outer: 10, inner: 10 }, new Rng(0)), 'invalidArgument', /design\[0\].*outside/);
    expectErr(() => evaluateDesign(sim, [1], { method: 'spce', outer: 0, inner: 10 }, new Rng(0)), 'invalidArgument', /outer/);
    expectErr(() => evaluateDesign(sim, [1], { method: 'spce', outer: 10, inner: 1.5 }, new Rng(0)), 'invalidArgument', /inner/);
    expectErr(() => evaluateDesign(sim, [1], { method: 'mc' as 'nmc' }, new Rng(0)), 'invalidArgument', /method/);
    const noLik: Simulator = { ...sim, id: 'no-lik', designSpace: sim.designSpace, logLikelihood: undefined, analyticEig: undefined } as unknown as Simulator;
    expectErr(() => evaluateDesign(noLik, [1], { method: 'spce' }, new Rng(0)), 'invalidArgument', /no explicit likelihood/);
    expectErr(() => evaluateDesign(noLik, [1], { method: 'analytic' }, new Rng(0)), 'invalidArgument', /no closed-form/);
  });

  it('leaks no tensors', () => {
    const before = tf.memory().numTensors;
    evaluateDesign(sim, [1], { method: 'spce', outer: 20, inner: 50 }, new Rng(1));
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('eigEvaluator (the runDesign hook)', () => {
  it('auto picks the closed form, then sPCE; none and impossible methods give undefined', async () => {
    const { eigEvaluator } = await import('./eigEvaluator.js');
    const sim = new LinearGaussianFixture(nine, 1, 1);
    expect(eigEvaluator(sim, [2], { method: 'auto', outer: 10, inner: 10 }, new Rng(0))?.method).toBe('analytic');
    expect(eigEvaluator(sim, [2], { method: 'none', outer: 10, inner: 10 }, new Rng(0))).toBeUndefined();
    const noClosed = Object.assign(Object.create(Object.getPrototypeOf(sim)), sim, { analyticEig: undefined }) as Simulator;
    expect(eigEvaluator(noClosed, [2], { method: 'auto', outer: 20, inner: 20 }, new Rng(0))?.method).toBe('spce');
    expect(eigEvaluator(noClosed, [2], { method: 'analytic', outer: 20, inner: 20 }, new Rng(0))).toBeUndefined();
  });
});
