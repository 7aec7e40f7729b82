import type { Rng, Simulator } from '@infobed/core';
import type { EigEstimate, NestedOptions } from './EigEstimate.js';
import { meanStderr, nestedTerms } from './nestedTerms.js';

/**
 * Nested Monte Carlo EIG (Ryan 2003; Pyro `nmc_eig`):
 * (1/N) Σₙ [log p(yₙ|θ₀ₙ) − log (1/L) Σₗ p(yₙ|θₗ)], θₗ fresh prior draws per outer sample.
 * Consistent as L → ∞; biased upward for finite L (it is the sNMC upper bound).
 * @param design `[dim]` design in the simulator's design space.
 */
export function nmcEig(sim: Simulator, design: readonly number[], opts: NestedOptions, rng: Rng): EigEstimate {
  const { snmc } = nestedTerms(sim, design, opts, rng);
  const { mean, stderr } = meanStderr(snmc);
  return { method: 'nmc', value: mean, stderr, outer: opts.outer, inner: opts.inner };
}
