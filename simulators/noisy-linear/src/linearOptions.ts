import { BedError, parsePluginOptions } from '@infobed/core';
import * as z from 'zod';

const common = {
  /** Number of design coordinates D (one observation each). */
  designs: z.number().int().min(1).max(1000).default(10),
  /** Design bounds (GradBED PE: [−2, 2]). */
  lower: z.number().default(-2),
  upper: z.number().default(2),
  /** Prior sd of both coefficients θ₀, θ₁ (iid normal, mean 0). */
  priorSd: z.number().positive().default(3),
};

/** `noisy-linear`: y_j = θ₀ + θ₁ d_j + ε_j + ν_j, ε ~ N(0, gaussianSd²), ν ~ Gamma(gammaShape, scale gammaScale). */
export const NoisyLinearOptionsSchema = z
  .object({
    ...common,
    gaussianSd: z.number().positive().default(1),
    gammaShape: z.number().positive().default(2),
    gammaScale: z.number().positive().default(2),
  })
  .strict();

/** `linear-gaussian`: y_j = θ₀ + θ₁ d_j + ε_j, ε ~ N(0, noiseSd²). Default noiseSd 3: the noisy-linear model's total noise variance (9). */
export const LinearGaussianOptionsSchema = z.object({ ...common, noiseSd: z.number().positive().default(3) }).strict();

export type NoisyLinearOptions = z.infer<typeof NoisyLinearOptionsSchema>;
export type LinearGaussianOptions = z.infer<typeof LinearGaussianOptionsSchema>;

/** Parses options, throwing `invalidConfig` naming `simulator.options.<field>`. */
export function parseOptions<T>(schema: z.ZodType<T>, id: string, options: unknown): T {
  const parsed = parsePluginOptions(schema, options, 'simulator', id);
  const v = parsed as { lower: number; upper: number };
  if (!(v.lower < v.upper)) {
    throw new BedError('invalidConfig', `simulator.options.lower: must be below upper (${v.lower} ≥ ${v.upper}) (simulator "${id}")`);
  }
  return parsed;
}
