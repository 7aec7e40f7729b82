import { BedError, parsePluginOptions } from '@infobed/core';
import * as z from 'zod';

const logNormal = (mean: number, sd: number) =>
  z.object({ logMean: z.number().default(mean), logSd: z.number().positive().default(sd) }).strict().default({ logMean: mean, logSd: sd });

/**
 * Options of the `sir` / `seir` simulators (config `simulator.options`). Defaults follow GradBED /
 * iDAD (specs/simulators.md §3) except the bank size and dt (preset `paper`: paths 30000, dt 1e-3).
 */
export const EpidemicOptionsSchema = z
  .object({
    /** Number of measurement times (design dimension). */
    T: z.number().int().min(1).max(50).default(3),
    /** `box`: τ ∈ [0, 100], projected (GradBED); `sigmoid`: τ = 0.01 + 99.98·sigmoid(ξ) (iDAD `iid`). */
    transform: z.enum(['box', 'sigmoid']).default('box'),
    /** `noiseless`: y = I(τ) (iDAD); `poisson`: y ~ Poisson(φ·ReLU(I(τ))) (GradBED). */
    observation: z.enum(['noiseless', 'poisson']).default('noiseless'),
    /**
     * y is reported divided by this (1 = the anchors' raw counts). An invertible rescaling: the MI
     * and the optimal design do not change, but MLP critics train far better on O(1) inputs.
     */
    obsScale: z.number().positive().default(1),
    /** φ of the Poisson observation. */
    phi: z.number().positive().max(1).default(0.95),
    /** Paths kept in the bank (after the non-trivial filter). */
    paths: z.number().int().min(1).max(1_000_000).default(2000),
    /** Euler–Maruyama step. */
    dt: z.number().positive().max(1).default(1e-2),
    /** Spacing of the stored grid; a multiple of dt. */
    gridSpacing: z.number().positive().default(0.1),
    /** End of the time window [0, horizon]. */
    horizon: z.number().positive().default(100),
    /** Population N; S₀ = N − I₀, I₀ = 2 (SEIR: E₀ = 0). */
    population: z.number().int().min(3).default(500),
    initialInfected: z.number().int().min(1).default(2),
    /** Multiplies the diffusion matrix G (1 = the model; small values for ODE checks). */
    diffusionScale: z.number().nonnegative().default(1),
    /** Drop paths whose mean I over the grid is below this (anchors: 1; 0 keeps all). */
    minMeanInfected: z.number().nonnegative().default(1),
    /**
     * Re-simulate the bank from a new seed every this many prior draws (≈ training steps; iDAD:
     * 10,000); 0 = never. θ drawn before a refresh keep their bank.
     */
    refreshEvery: z.number().int().nonnegative().default(0),
    /** Seed of the bank (prior draws and Brownian increments). */
    bankSeed: z.number().int().default(0),
    beta: logNormal(Math.log(0.5), 0.5),
    gamma: logNormal(Math.log(0.1), 0.5),
    /** SEIR only: incubation rate σ. */
    sigma: logNormal(Math.log(0.2), 0.5),
  })
  .strict();

export type EpidemicOptions = z.infer<typeof EpidemicOptionsSchema>;

/** Parses options, throwing `BedError('invalidConfig')` naming `simulator.options.<field>`. */
export function parseEpidemicOptions(id: string, options: unknown): EpidemicOptions {
  const o = parsePluginOptions(EpidemicOptionsSchema, options, 'simulator', id);
  const ratio = o.gridSpacing / o.dt;
  if (Math.abs(ratio - Math.round(ratio)) > 1e-9 || Math.round(ratio) < 1) {
    throw new BedError('invalidConfig', `simulator.options.gridSpacing: expected a multiple of dt (${o.dt}), got ${o.gridSpacing} (simulator "${id}")`);
  }
  if (o.initialInfected >= o.population) {
    throw new BedError('invalidConfig', `simulator.options.initialInfected: expected < population (${o.population}), got ${o.initialInfected} (simulator "${id}")`);
  }
  return o;
}
