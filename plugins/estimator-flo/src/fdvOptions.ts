import { BedError } from '@infobed/core';
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
  const r = FdvOptionsSchema.safeParse(options ?? {});
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new BedError('invalidConfig', `objective.options.${issue.path.join('.') || '(root)'}: ${issue.message} (objective "fdv")`);
  }
  return r.data;
}
