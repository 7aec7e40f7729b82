import type { Rng, Simulator } from '@infobed/core';
import type { z } from 'zod';
import type { EvaluateSectionSchema } from './DesignConfigSchema.js';

/** An independent EIG value of a design (nats), as written under `eig` in `result.json`. */
export interface EigEstimate {
  readonly method: 'analytic' | 'nmc' | 'spce';
  readonly value: number;
  readonly stderr: number;
  /** sPCE lower / sNMC upper ends of the bracket, when the method gives one. */
  readonly lower?: number;
  readonly upper?: number;
}

export type EvaluateSection = z.infer<typeof EvaluateSectionSchema>;

/** Computes the independent EIG of a design, or `undefined` when the simulator allows none. */
export type EigEvaluator = (simulator: Simulator, design: readonly number[], settings: EvaluateSection, rng: Rng) => EigEstimate | undefined;

/** The built-in evaluator: the closed form where the simulator has one. */
export const analyticOnly: EigEvaluator = (sim, design, settings) =>
  sim.analyticEig && (settings.method === 'auto' || settings.method === 'analytic')
    ? { method: 'analytic', value: sim.analyticEig(design), stderr: 0 }
    : undefined;
