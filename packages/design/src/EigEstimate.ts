import type { Rng, Simulator } from '@infobed/core';
import type { EigEstimate } from '@infobed/evaluate';
import type { z } from 'zod';
import type { EvaluateSectionSchema } from './DesignConfigSchema.js';

export type { EigEstimate } from '@infobed/evaluate';

export type EvaluateSection = z.infer<typeof EvaluateSectionSchema>;

/**
 * Computes the independent EIG of a design, or `undefined` when the simulator allows none. The one
 * implementation is `@infobed/evaluate`'s `makeEigEvaluator` (`runDesign`'s default; the CLI passes
 * one with progress output).
 */
export type EigEvaluator = (simulator: Simulator, design: readonly number[], settings: EvaluateSection, rng: Rng) => EigEstimate | undefined;
