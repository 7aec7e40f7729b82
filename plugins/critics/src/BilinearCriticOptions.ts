import { parsePluginOptions } from '@infobed/core';
import * as z from 'zod';

/** Options of the `bilinear` critic (config `critic.options`). */
export const BilinearOptionsSchema = z
  .object({
    /** Hidden widths of each tower (FLO reference: [512, 512]). */
    hidden: z.array(z.number().int().positive()).default([64, 64]),
    embed: z.number().int().positive().default(32),
    activation: z.enum(['relu', 'tanh', 'elu']).default('relu'),
    /** Hidden widths of the aux head (FLO u-head: [128]). */
    auxHidden: z.array(z.number().int().positive()).default([128]),
    /** Initial temperature τ₀ (`log β` starts at `−log τ₀`). */
    tau0: z.number().positive().default(0.1),
    /** Cap on the scale: `β ≤ betaMax`, so `|S| ≤ betaMax`. */
    betaMax: z.number().positive().default(20),
    /** Bound of the aux head: `u = uMax·tanh(raw/uMax)`. */
    uMax: z.number().positive().default(40),
    /** Train `log β` (otherwise fixed at `−log τ₀`). */
    learnTemperature: z.boolean().default(true),
  })
  .strict()
  .refine((o) => o.uMax + 2 * o.betaMax <= 80, {
    message: 'expected uMax + 2·betaMax ≤ 80 (keeps FLO below float32 overflow)',
    path: ['uMax'],
  })
  .refine((o) => 1 / o.tau0 <= o.betaMax, { message: 'expected 1/tau0 ≤ betaMax', path: ['tau0'] });

export type BilinearOptions = z.infer<typeof BilinearOptionsSchema>;

export function parseBilinearOptions(options: unknown): BilinearOptions {
  return parsePluginOptions(BilinearOptionsSchema, options, 'critic', 'bilinear');
}
