import { parsePluginOptions } from '@infobed/core';
import * as z from 'zod';

/** Options of the `location-finding` simulator (config `simulator.options`). Defaults = DAD (specs/adaptive.md §3.1). */
export const LocationOptionsSchema = z
  .object({
    /** Number of measurements T (the static design has 2·T coordinates). */
    T: z.number().int().min(1).max(200).default(10),
    /** Number of sources K (θ has 2·K coordinates, [x₁, y₁, x₂, y₂, …]). */
    K: z.number().int().min(1).max(10).default(2),
    /** Source strength α_k (all equal). */
    alpha: z.number().positive().default(1),
    /** Background intensity b. */
    background: z.number().positive().default(0.1),
    /** Saturation m in α/(m + ‖θ_k − ξ‖²). */
    maxSignal: z.number().positive().default(1e-4),
    /** Observation noise sd σ: y = log μ + σ·ε. */
    noiseSd: z.number().positive().default(0.5),
    /** Each design coordinate lies in [−bound, bound] (DAD's ξ is unconstrained; the prior is N(0, I)). */
    bound: z.number().positive().default(10),
  })
  .strict();

export type LocationOptions = z.infer<typeof LocationOptionsSchema>;

export function parseLocationOptions(options: unknown): LocationOptions {
  return parsePluginOptions(LocationOptionsSchema, options, 'simulator', 'location-finding');
}
