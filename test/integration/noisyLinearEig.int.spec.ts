import { fileURLToPath } from 'node:url';
import type { EigEstimate as Eig } from '@infobed/design';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/runCliCaptured.js';

const root = fileURLToPath(new URL('../../', import.meta.url));


async function evaluate(design: number[], method: 'nmc' | 'spce', outer: number, inner: number): Promise<Eig> {
  const r = await runCliCaptured(
    ['evaluate', '--config', 'configs/noisy-linear.yaml', '--design', JSON.stringify(design), '--method', method, '--outer', String(outer), '--inner', String(inner), '--json', '--quiet', '--backend', 'wasm'],
    root,
  );
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { result: { eig: Eig } }).result.eig;
}

const within3se = (eig: Eig, truth: number, truthSe: number) => Math.abs(eig.value - truth) <= 3 * Math.hypot(eig.stderr, truthSe);

// Ground truth by quadrature, specs/simulators.md §1.3 (Gaussian + Gamma(2, scale 2) noise, prior 9I).
const OPTIMUM = [-2, -2, -2, -2, -2, 2, 2, 2, 2, 2];
const ALL_ZERO = Array<number>(10).fill(0);
const ALL_TWO = Array<number>(10).fill(2);

describe('infobed evaluate on noisy-linear (explicit Gaussian + Gamma likelihood)', () => {
  it('NMC: the known optimum (5 × −2, 5 × +2) scores above a bad design, each at its quadrature truth', async () => {
    const opt = await evaluate(OPTIMUM, 'nmc', 1000, 3000);
    const zero = await evaluate(ALL_ZERO, 'nmc', 1000, 3000);
    const two = await evaluate(ALL_TWO, 'nmc', 1000, 3000);
    expect(opt.method).toBe('nmc');
    expect(within3se(opt, 3.504, 0.032), JSON.stringify(opt)).toBe(true);
    expect(within3se(zero, 1.429, 0.022), JSON.stringify(zero)).toBe(true);
    expect(within3se(two, 2.235, 0.022), JSON.stringify(two)).toBe(true);
    // Common random numbers (same seed) make the differences sharp: 2 nats apart, s.e. ≈ 0.05.
    expect(opt.value - zero.value).toBeGreaterThan(1.5);
    expect(opt.value).toBeGreaterThan(two.value + 0.8);
    // Above the Gaussian-noise lower bound of the same variance (σ² = 9 closed form, 3.0557).
    expect(opt.value).toBeGreaterThan(3.0557);
  });

  it('sPCE/sNMC bracket: lower ≤ upper, and it contains the quadrature value within the standard errors', async () => {
    const b = await evaluate(OPTIMUM, 'spce', 1000, 3000);
    expect(b.method).toBe('spce');
    expect(b.upper!).toBeGreaterThanOrEqual(b.lower!);
    expect(b.lower! - 3 * Math.hypot(b.stderr, 0.032)).toBeLessThanOrEqual(3.504);
    expect(b.upper! + 3 * Math.hypot(b.upperStderr!, 0.032)).toBeGreaterThanOrEqual(3.504);
  });
});
