import type { Rng, Simulator } from '@infobed/core';
import type { EigEstimate, NestedOptions } from './EigEstimate.js';
import { meanStderr, nestedTerms } from './nestedTerms.js';

/**
 * sPCE lower / sNMC upper bracket on the EIG (Foster et al. 2021; specs/simulators.md §6):
 * sPCE = E[log p(y|θ₀) − log (1/(L+1)) Σ_{l=0..L} p(y|θₗ)] ≤ EIG ≤ sNMC (same with l = 1..L, 1/L).
 * Both from the same draws; sPCE ≤ log(L+1) always. `value` is the lower bound.
 * @param design `[dim]` design in the simulator's design space.
 */
export function spceBracket(sim: Simulator, design: readonly number[], opts: NestedOptions, rng: Rng): EigEstimate {
  const { spce, snmc } = nestedTerms(sim, design, opts, rng);
  const lo = meanStderr(spce);
  const hi = meanStderr(snmc);
  return {
    method: 'spce',
    value: lo.mean,
    stderr: lo.stderr,
    lower: lo.mean,
    upper: hi.mean,
    upperStderr: hi.stderr,
    outer: opts.outer,
    inner: opts.inner,
  };
}
