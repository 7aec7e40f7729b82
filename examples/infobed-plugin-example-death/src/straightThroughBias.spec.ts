import { describe, expect, it } from 'vitest';
import { optimalDeathTime } from './deathProcessEig.js';
import { straightThroughCheck } from './straightThroughBias.js';

const PRIOR = { population: 50, logRateMean: 0, logRateSd: 1 };

/**
 * The cause of the offset of straight-through ascent (t ≈ 0.84–0.90 instead of t* = 1.029), in float64:
 * with the ideal critic, the expected straight-through design gradient is negative at t* and vanishes
 * near t ≈ 0.74, while the exact gradient (dEIG/dt) vanishes at t*. The bias has the sign of the shift.
 */
describe('death process: the straight-through design gradient is biased for a nonlinear critic', () => {
  it('points to smaller t at the quadrature optimum, where dEIG/dt = 0', () => {
    const { t } = optimalDeathTime(PRIOR);
    const at = straightThroughCheck(PRIOR, t, 0.1);
    expect(Math.abs(at.exact)).toBeLessThan(2e-3);
    expect(at.straightThrough).toBeLessThan(-0.2); // −0.252
    // A 3× narrower surrogate shrinks the bias but keeps its sign (−0.160).
    expect(straightThroughCheck(PRIOR, t, 0.03).straightThrough).toBeLessThan(-0.1);
  });

  it('has its zero below t*, between 0.6 and 0.8, where the EIG still increases', () => {
    const lo = straightThroughCheck(PRIOR, 0.6, 0.1);
    const hi = straightThroughCheck(PRIOR, 0.8, 0.1);
    expect(lo.straightThrough).toBeGreaterThan(0); // 0.190
    expect(hi.straightThrough).toBeLessThan(0); // −0.070
    expect(hi.exact).toBeGreaterThan(0.1); // 0.116: ascending the true EIG would keep going
  });
});
