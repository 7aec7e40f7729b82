import type { ProgressReporter } from '@infobed/core';

/** How to estimate the EIG of a fixed design. */
export type EigMethod = 'analytic' | 'nmc' | 'spce';

/** An EIG estimate in nats (the `eig` field of `result.json`, specs/cli.md, plus the bracket). */
export interface EigEstimate {
  readonly method: EigMethod;
  /** `analytic`: the closed form; `nmc`: the nested Monte Carlo (sNMC) mean; `spce`: the sPCE lower bound. */
  readonly value: number;
  /** Standard error of `value` over the outer samples (0 for `analytic`). */
  readonly stderr: number;
  /** `spce` only: sPCE lower bound (= value) and sNMC upper bound, each with its standard error. */
  readonly lower?: number;
  readonly upper?: number;
  readonly upperStderr?: number;
  /** Monte Carlo budget used (N outer, L inner). */
  readonly outer?: number;
  readonly inner?: number;
}

/** Budget and options of a nested estimate. */
export interface NestedOptions {
  /** N: outer samples (θ₀, y) ~ p(θ) p(y | θ, d). */
  readonly outer: number;
  /** L: inner (contrastive) prior samples per outer sample. */
  readonly inner: number;
  readonly progress?: ProgressReporter;
}

export interface EvaluateOptions extends Partial<NestedOptions> {
  readonly method: EigMethod;
}
