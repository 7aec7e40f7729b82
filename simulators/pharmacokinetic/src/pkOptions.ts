import { parsePluginOptions } from '@infobed/core';
import * as z from 'zod';

/** Options of the `pharmacokinetic` simulator (config `simulator.options`). Defaults = iDAD. */
export const PkOptionsSchema = z
  .object({
    /** Number of sampling times T (design dimension). */
    T: z.number().int().min(1).max(100).default(5),
    /** Dose D_V (mg). */
    dose: z.number().positive().default(400),
    /** Prior mean of log(k_a, k_e, V) (k in 1/h, V in L). */
    priorLogMean: z.tuple([z.number(), z.number(), z.number()]).default([0, Math.log(0.1), Math.log(20)]),
    /** Prior variance of each log-parameter (independent). */
    priorLogVar: z.number().positive().default(0.05),
    /** Variance of the multiplicative noise ε in y = f(1 + ε) + ν. */
    multiplicativeVar: z.number().nonnegative().default(0.01),
    /** Variance of the additive noise ν (must be > 0: it keeps the likelihood proper at f = 0). */
    additiveVar: z.number().positive().default(0.1),
  })
  .strict();

export type PkOptions = z.infer<typeof PkOptionsSchema>;

/** Parses options, throwing `BedError('invalidConfig')` naming `simulator.options.<field>`. */
export function parsePkOptions(options: unknown): PkOptions {
  return parsePluginOptions(PkOptionsSchema, options, 'simulator', 'pharmacokinetic');
}
