import { BedError, type Rng, type Simulator } from '@infobed/core';
import { analyticEig } from './analyticEig.js';
import type { EigEstimate, EvaluateOptions } from './EigEstimate.js';
import { nmcEig } from './nmcEig.js';
import { spceBracket } from './spceBracket.js';

/** Default budget: N = 1,000 outer, L = 10,000 inner. */
export const DEFAULT_BUDGET = { outer: 1000, inner: 10_000 } as const;

/**
 * Independent EIG of a fixed design (what `infobed evaluate` and `result.json`'s `eig` report).
 * - `analytic`: the simulator's closed form;
 * - `nmc`: nested Monte Carlo (upper-biased);
 * - `spce`: sPCE lower bound with the sNMC upper bound.
 * @param design `[dim]` design, validated against the simulator's design space (`invalidArgument`).
 */
export function evaluateDesign(sim: Simulator, design: readonly number[], opts: EvaluateOptions, rng: Rng): EigEstimate {
  const budget = { outer: opts.outer ?? DEFAULT_BUDGET.outer, inner: opts.inner ?? DEFAULT_BUDGET.inner, progress: opts.progress };
  switch (opts.method) {
    case 'analytic':
      return analyticEig(sim, design);
    case 'nmc':
      return nmcEig(sim, design, budget, rng);
    case 'spce':
      return spceBracket(sim, design, budget, rng);
    default:
      throw new BedError('invalidArgument', `evaluate: method: expected analytic|nmc|spce, got ${String(opts.method)}`);
  }
}

/** The method `evaluateDesign` should use by default: closed form if any, else sPCE if a likelihood exists. */
export function defaultEigMethod(sim: Simulator): EvaluateOptions['method'] | undefined {
  if (sim.analyticEig) return 'analytic';
  if (sim.logLikelihood) return 'spce';
  return undefined;
}
