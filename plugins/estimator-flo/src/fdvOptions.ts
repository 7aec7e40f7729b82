import { parsePluginOptions } from '@infobed/core';
import * as z from 'zod';

/** Options of `fdv` (config `objective.options`). */
export const FdvOptionsSchema = z
  .object({
    /** Per-row clamp `[lo, hi]` of the FLO repository (rows outside get zero gradient). */
    clamp: z
      .tuple([z.number(), z.number()])
      .refine(([lo, hi]) => lo < hi, 'expected [lo, hi] with lo < hi')
      .default([-5, 15]),
  })
  .strict();

export type FdvOptions = z.infer<typeof FdvOptionsSchema>;

export function parseFdvOptions(options: unknown): FdvOptions {
  return parsePluginOptions(FdvOptionsSchema, options, 'objective', 'fdv');
}
