import { Rng } from '@infobed/core';
import { describe, expect, it } from 'vitest';
import { metaStreams } from './metaStreams.js';
import { sampleSineEpisode, SINE_AMPLITUDE, SINE_PHASE, SINE_X, sineValue, ZERO_PREDICTOR_MSE } from './SineFamily.js';
import { perTaskMse, SineTestSet, summarise } from './SineTestSet.js';

const zeros = (n: number): Float32Array => new Float32Array(n);

describe('sine task family', () => {
  it('has the closed-form zero-predictor MSE 4.2517', () => {
    expect(ZERO_PREDICTOR_MSE).toBeCloseTo(4.2517, 4);
  });

  it('draws amplitudes, phases and inputs in range, with targets A·sin(x − φ)', () => {
    const e = sampleSineEpisode(new Rng(1), 500, 7);
    for (let t = 0; t < e.tasks; t++) {
      expect(e.amplitude[t]).toBeGreaterThanOrEqual(SINE_AMPLITUDE[0]);
      expect(e.amplitude[t]).toBeLessThan(SINE_AMPLITUDE[1]);
      expect(e.phase[t]).toBeGreaterThanOrEqual(SINE_PHASE[0]);
      expect(e.phase[t]).toBeLessThan(SINE_PHASE[1]);
      for (let i = 0; i < e.points; i++) {
        const x = e.x[t * 7 + i]!;
        expect(x).toBeGreaterThanOrEqual(SINE_X[0]);
        expect(x).toBeLessThan(SINE_X[1]);
        expect(e.y[t * 7 + i]).toBeCloseTo(sineValue(e.amplitude[t]!, e.phase[t]!, x), 5);
      }
    }
  });

  it('matches the uniform moments of A and φ within Monte Carlo error', () => {
    const n = 20_000;
    const e = sampleSineEpisode(new Rng(2), n, 1);
    const a = summarise(e.amplitude);
    const p = summarise(e.phase);
    // 4 standard errors; the exact means are the interval midpoints.
    expect(Math.abs(a.mean - 2.55)).toBeLessThan((4 * a.std) / Math.sqrt(n));
    expect(Math.abs(p.mean - Math.PI / 2)).toBeLessThan((4 * p.std) / Math.sqrt(n));
    // sd of U[a, b] = (b − a)/√12.
    expect(a.std).toBeCloseTo(4.9 / Math.sqrt(12), 1);
    expect(p.std).toBeCloseTo(Math.PI / Math.sqrt(12), 1);
  });

  it('gives zero-predictor MSE ≈ 4.2517 on many training tasks (tolerance from the sample sd)', () => {
    const e = sampleSineEpisode(new Rng(3), 20_000, 10);
    const s = summarise(perTaskMse(e, zeros(e.x.length)));
    expect(Math.abs(s.mean - ZERO_PREDICTOR_MSE)).toBeLessThan((4 * s.std) / Math.sqrt(s.tasks));
  });
});

describe(SineTestSet, () => {
  const set = SineTestSet.sample(metaStreams(new Rng(0), 0).test);

  it('has 600 tasks, 20 nested support points and 100 queries', () => {
    expect(set.tasks).toBe(600);
    expect(set.maxShots).toBe(20);
    expect(set.queries.points).toBe(100);
    const k20 = set.shots(20).support;
    for (const k of [1, 2, 3, 5, 10]) {
      const sk = set.shots(k).support;
      for (let t = 0; t < set.tasks; t += 37) {
        for (let i = 0; i < k; i++) {
          expect(sk.x[t * k + i]).toBe(k20.x[t * 20 + i]);
          expect(sk.y[t * k + i]).toBe(k20.y[t * 20 + i]);
        }
      }
    }
  });

  it('uses the same task for supports and queries', () => {
    const q = set.queries;
    for (let t = 0; t < set.tasks; t += 53) {
      expect(q.y[t * 100 + 4]).toBeCloseTo(sineValue(set.supports.amplitude[t]!, set.supports.phase[t]!, q.x[t * 100 + 4]!), 5);
    }
  });

  it('zero predictor on the test queries ≈ 4.2517 within its CI', () => {
    const s = summarise(perTaskMse(set.queries, zeros(set.queries.x.length)));
    expect(Math.abs(s.mean - ZERO_PREDICTOR_MSE)).toBeLessThan((4 * s.std) / Math.sqrt(600));
    expect(s.ci95).toBeCloseTo((1.96 * s.std) / Math.sqrt(600), 12);
  });

  it('is fixed by the test seed and independent of the training seed and streams', () => {
    const again = SineTestSet.sample(metaStreams(new Rng(99), 0).test);
    expect(Array.from(again.queries.x.slice(0, 50))).toEqual(Array.from(set.queries.x.slice(0, 50)));
    const other = SineTestSet.sample(metaStreams(new Rng(0), 1).test);
    expect(other.supports.amplitude[0]).not.toBe(set.supports.amplitude[0]);
    const s = metaStreams(new Rng(0), 0);
    const firsts = [s.train, s.validation, s.model, s.test].map((r) => r.uniform());
    expect(new Set(firsts).size).toBe(4);
  });

  it('rejects a bad shot count naming the field', () => {
    expect(() => set.shots(21)).toThrow(/k: expected an integer in \[1, 20\], got 21/);
  });
});
