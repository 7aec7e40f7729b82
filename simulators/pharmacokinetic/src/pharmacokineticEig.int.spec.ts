import { Rng, selectBackend } from '@infobed/core';
import { PharmacokineticSimulator } from './PharmacokineticSimulator.js';
import { pkBaselineTimes } from './pkBaselineTimes.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { spceBracket } from '@infobed/evaluate';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('pharmacokinetic EIG (specs/simulators.md §2 ground truth)', () => {
  it('equal-interval T = 5 design: 2.67 ± 0.04 nats', () => {
    const times = pkBaselineTimes(5);
    expect(times.map((t) => Number(t.toFixed(2)))).toEqual([0.08, 6.04, 11.99, 17.95, 23.9]);
    const b = spceBracket(new PharmacokineticSimulator(), times, { outer: 1000, inner: 5000 }, new Rng(7));
    // Reference 2.67 carries its own s.e. 0.04 (a second run gave 2.71): combine both.
    const tol = (se: number): number => 3 * Math.hypot(se, 0.04);
    expect(Math.abs(b.lower! - 2.67)).toBeLessThanOrEqual(tol(b.stderr));
    expect(Math.abs(b.upper! - 2.67)).toBeLessThanOrEqual(tol(b.upperStderr!));
    expect(b.upper! - b.lower!).toBeLessThan(0.05); // the bracket is tight at L = 5,000
  });
});
