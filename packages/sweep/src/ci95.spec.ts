import { describe, expect, it } from 'vitest';
import { summarise, t975 } from './ci95.js';

describe('CI95 over seeds', () => {
  it('t quantiles: tabulated values, and the normal limit for large df', () => {
    expect(t975(1)).toBe(12.706);
    expect(t975(4)).toBe(2.776);
    expect(t975(30)).toBe(2.042);
    expect(t975(1e9)).toBeCloseTo(1.96, 6);
    expect(t975(60)).toBeGreaterThan(1.96);
    expect(t975(60)).toBeLessThan(2.042);
    expect(t975(0)).toBeNaN();
  });

  it('mean, sample sd and t-based half-width of five values (by hand: sd = √2.5, 2.776·√2.5/√5)', () => {
    const s = summarise([1, 2, 3, 4, 5]);
    expect(s.n).toBe(5);
    expect(s.mean).toBe(3);
    expect(s.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(s.ci95).toBeCloseTo((2.776 * Math.sqrt(2.5)) / Math.sqrt(5), 12);
  });

  it('one value: a mean without an interval; none: NaN', () => {
    expect(summarise([2]).ci95).toBeNaN();
    expect(summarise([2]).mean).toBe(2);
    expect(summarise([]).mean).toBeNaN();
  });

  it('covers the true mean about 95 % of the time (normal samples from a fixed LCG, n = 5)', () => {
    let s = 12345;
    const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
    const normal = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
    let hits = 0;
    const trials = 4000;
    for (let t = 0; t < trials; t++) {
      const r = summarise(Array.from({ length: 5 }, () => 7 + 2 * normal()));
      if (Math.abs(r.mean - 7) <= r.ci95) hits++;
    }
    expect(hits / trials).toBeGreaterThan(0.935);
    expect(hits / trials).toBeLessThan(0.965);
  });
});
