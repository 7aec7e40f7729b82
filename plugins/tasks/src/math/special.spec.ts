import { describe, expect, it } from 'vitest';
import { digamma, erf, invertIncreasing, logGamma, normalCdf, normalQuantile } from './special.js';

describe('float64 special functions', () => {
  it('erf and Φ match reference values (Abramowitz & Stegun tables) to 1e-13', () => {
    for (const [x, v] of [[0.5, 0.5204998778130465], [1, 0.8427007929497149], [2, 0.9953222650189527], [3, 0.9999779095030014]] as const) {
      expect(Math.abs(erf(x) - v)).toBeLessThan(1e-13);
      expect(Math.abs(erf(-x) + v)).toBeLessThan(1e-13);
    }
    expect(Math.abs(normalCdf(1.959963984540054) - 0.975)).toBeLessThan(1e-14);
    expect(Math.abs(normalCdf(-6) - 9.865876450377e-10)).toBeLessThan(1e-20);
  });

  it('Φ⁻¹ inverts Φ across the range, lower tail included (upper tail: limited by 1 − p in float64)', () => {
    for (const x of [-8, -7, -3.2, -1, -0.01, 0, 0.4, 2.5]) expect(Math.abs(normalQuantile(normalCdf(x)) - x)).toBeLessThan(1e-9);
    expect(Math.abs(normalQuantile(normalCdf(6)) - 6)).toBeLessThan(1e-6);
  });

  it('log Γ and ψ match closed forms', () => {
    expect(Math.abs(logGamma(0.5) - 0.5 * Math.log(Math.PI))).toBeLessThan(1e-13);
    expect(Math.abs(logGamma(10) - Math.log(362880))).toBeLessThan(1e-12);
    expect(Math.abs(logGamma(1.5) - Math.log(Math.sqrt(Math.PI) / 2))).toBeLessThan(1e-13);
    const euler = 0.5772156649015329;
    expect(Math.abs(digamma(1) + euler)).toBeLessThan(1e-12);
    expect(Math.abs(digamma(0.5) + euler + 2 * Math.LN2)).toBeLessThan(1e-12);
    expect(Math.abs(digamma(3.5) - (digamma(2.5) + 1 / 2.5))).toBeLessThan(1e-13);
  });

  it('bisection inverts an increasing function', () => {
    expect(Math.abs(invertIncreasing((t) => t ** 3 + t, 10, -10, 10) - 2)).toBeLessThan(1e-11);
  });
});
