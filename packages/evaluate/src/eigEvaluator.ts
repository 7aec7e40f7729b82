import type { ProgressReporter, Rng, Simulator } from '@infobed/core';
import type { EigEstimate } from './EigEstimate.js';
import { defaultEigMethod, evaluateDesign } from './evaluateDesign.js';

/** The config's `evaluate:` section (packages/design `EvaluateSectionSchema`). */
export interface EigSettings {
  readonly method: 'auto' | 'analytic' | 'nmc' | 'spce' | 'none';
  readonly outer: number;
  readonly inner: number;
}

/**
 * An `EigEvaluator` for `runDesign` / `infobed design` (the `eig` field of `result.json`):
 * `auto` = closed form if the simulator has one, else sPCE/sNMC if it has a likelihood, else none;
 * `none` = skip. An explicit method the simulator cannot support also gives `undefined` (the
 * design run's results are kept; `infobed evaluate` reports the reason instead).
 */
export function makeEigEvaluator(progress?: ProgressReporter) {
  return (sim: Simulator, design: readonly number[], settings: EigSettings, rng: Rng): EigEstimate | undefined => {
    if (settings.method === 'none') return undefined;
    const method = settings.method === 'auto' ? defaultEigMethod(sim) : settings.method;
    if (method === undefined) return undefined;
    if (method === 'analytic' && !sim.analyticEig) return undefined;
    if (method !== 'analytic' && !sim.logLikelihood) return undefined;
    return evaluateDesign(sim, design, { method, outer: settings.outer, inner: settings.inner, ...(progress ? { progress } : {}) }, rng);
  };
}

/** `makeEigEvaluator()` without progress output. */
export const eigEvaluator = makeEigEvaluator();
