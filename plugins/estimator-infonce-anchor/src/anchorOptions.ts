import { parsePluginOptions } from '@infobed/core';
import * as z from 'zod';

/** Options of `infonce-anchor` (config `objective.options`). */
export const AnchorOptionsSchema = z
  .object({
    /** Anchor weight ν > 0 (ν = 0 is InfoNCE: use the `infonce` objective). */
    nu: z.number().positive().default(1),
    /** `paper`: Appendix B batch construction (reference). `exact-k`: leave-one-out average, same expectation, lower variance. */
    construction: z.enum(['paper', 'exact-k']).default('paper'),
    /** Proper scoring rule on the (K+1)-class posterior: `log` (best MI estimates), `brier` (power α = 2), `spherical`. */
    scoringRule: z.enum(['log', 'brier', 'spherical']).default('log'),
  })
  .strict();

export type AnchorOptions = z.infer<typeof AnchorOptionsSchema>;

export function parseAnchorOptions(options: unknown): AnchorOptions {
  return parsePluginOptions(AnchorOptionsSchema, options, 'objective', 'infonce-anchor');
}
