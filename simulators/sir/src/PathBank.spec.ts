import { describe, expect, it } from 'vitest';
import { parseEpidemicOptions } from './epidemicOptions.js';
import { odeInfected } from './odeInfected.js';
import { simulatePathBank, type EpidemicModel, type PathBank } from './PathBank.js';

/** max_k |I_bank − I_ode| over the grid, worst path. */
function maxOdeError(model: EpidemicModel, bank: PathBank): number {
  let worst = 0;
  for (let r = 0; r < bank.paths; r++) {
    const th = Array.from(bank.theta.subarray(r * bank.p, (r + 1) * bank.p));
    const ode = odeInfected(model, th, { gridSize: bank.gridSize, spacing: bank.spacing, dt: 0.01 });
    for (let k = 0; k < bank.gridSize; k++) worst = Math.max(worst, Math.abs(bank.infected[r * bank.gridSize + k]! - ode[k]!));
  }
  return worst;
}

describe(simulatePathBank, () => {
  it.each(['sir', 'seir'] as const)('%s: with the diffusion scaled down, paths follow the ODE and the Euler error shrinks with dt', (model) => {
    const base = { paths: 4, minMeanInfected: 0, diffusionScale: 1e-4, horizon: 60 };
    const coarse = simulatePathBank(model, parseEpidemicOptions(model, { ...base, dt: 1e-2 }));
    const fine = simulatePathBank(model, parseEpidemicOptions(model, { ...base, dt: 1e-3 }));
    expect(Array.from(fine.theta)).toEqual(Array.from(coarse.theta)); // same prior draws (priors first in the stream)
    const eCoarse = maxOdeError(model, coarse);
    const eFine = maxOdeError(model, fine);
    const peak = Math.max(...Array.from(coarse.infected));
    expect(peak).toBeGreaterThan(20);
    expect(eCoarse).toBeLessThan(0.02 * peak); // Euler–Maruyama at dt = 1e-2 is within 2% of the peak
    expect(eFine).toBeLessThan(eCoarse / 4); // first-order convergence (ideal ratio 10)
  });

  it('is reproducible from bankSeed', () => {
    const o = { paths: 5, dt: 0.05, horizon: 30 };
    const a = simulatePathBank('sir', parseEpidemicOptions('sir', o));
    const b = simulatePathBank('sir', parseEpidemicOptions('sir', o));
    const c = simulatePathBank('sir', parseEpidemicOptions('sir', { ...o, bankSeed: 1 }));
    expect(Array.from(a.infected)).toEqual(Array.from(b.infected));
    expect(Array.from(a.theta)).toEqual(Array.from(b.theta));
    expect(Array.from(c.theta)).not.toEqual(Array.from(a.theta));
  });

  it('applies the non-trivial filter (mean I ≥ 1) and counts what it dropped', () => {
    const bank = simulatePathBank('sir', parseEpidemicOptions('sir', { paths: 60, dt: 0.05 }));
    expect(bank.paths).toBe(60);
    expect(bank.dropped).toBeGreaterThan(0); // ≈ 12% of prior draws are trivial
    for (let r = 0; r < bank.paths; r++) {
      let s = 0;
      for (let k = 0; k < bank.gridSize; k++) s += bank.infected[r * bank.gridSize + k]!;
      expect(s / bank.gridSize).toBeGreaterThanOrEqual(1);
    }
  });

  it('draws the log-normal prior when the filter is off', () => {
    const bank = simulatePathBank('seir', parseEpidemicOptions('seir', { paths: 400, dt: 0.1, horizon: 1, minMeanInfected: 0 }));
    const mean = (j: number): number => {
      let s = 0;
      for (let r = 0; r < bank.paths; r++) s += Math.log(bank.theta[r * 3 + j]!);
      return s / bank.paths;
    };
    [Math.log(0.5), Math.log(0.2), Math.log(0.1)].forEach((mu, j) => expect(Math.abs(mean(j) - mu)).toBeLessThan(4 * (0.5 / Math.sqrt(400))));
  });

  it('rejects bad options naming the field', () => {
    for (const [o, re] of [
      [{ paths: 0 }, /simulator\.options\.paths/],
      [{ dt: -1 }, /simulator\.options\.dt/],
      [{ dt: 0.03 }, /simulator\.options\.gridSpacing: expected a multiple of dt/],
      [{ observation: 'gaussian' }, /simulator\.options\.observation/],
      [{ beta: { logSd: 0 } }, /simulator\.options\.beta\.logSd/],
      [{ bankseed: 1 }, /simulator\.options/],
    ] as const) {
      expect(() => parseEpidemicOptions('sir', o)).toThrow(re);
    }
  });
});
