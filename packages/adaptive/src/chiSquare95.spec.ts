import { describe, expect, it } from 'vitest';
import { chiSquare95 } from './chiSquare95.js';

describe(chiSquare95, () => {
  it('matches the tabulated 95 % points of χ²(k): within 0.4 % at k = 4, 0.15 % for k = 9, 19, 29', () => {
    for (const [k, exact, tol] of [[4, 9.4877, 4e-3], [9, 16.919, 1.5e-3], [19, 30.1435, 1.5e-3], [29, 42.557, 1.5e-3]] as const) {
      expect(Math.abs(chiSquare95(k) - exact) / exact).toBeLessThan(tol);
    }
  });
});
