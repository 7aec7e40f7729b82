import type { Rng, Simulator } from '@infobed/core';
import { defaultEigMethod, evaluateDesign, type EigEstimate } from '@infobed/evaluate';
import type { z } from 'zod';
import type { EvaluateSectionSchema } from './DesignConfigSchema.js';

export type { EigEstimate } from '@infobed/evaluate';

export type EvaluateSection = z.infer<typeof EvaluateSectionSchema>;

/** Computes the independent EIG of a design, or `undefined` when the simulator allows none. */
export type EigEvaluator = (simulator: Simulator, design: readonly number[], settings: EvaluateSection, rng: Rng) => EigEstimate | undefined;

/**
 * The default evaluator (`evaluate.method: auto`): the closed form where the simulator has one,
 * else the sPCE / sNMC bracket where it has a likelihood, else none. It never looks at the critic.
 */
export const independentEig: EigEvaluator = (sim, design, settings, rng) => {
  if (settings.method === 'none') return undefined;
  const method = settings.method === 'auto' ? defaultEigMethod(sim) : settings.method;
  if (method === undefined) return undefined;
  return evaluateDesign(sim, design, { method, outer: settings.outer, inner: settings.inner }, rng);
};
