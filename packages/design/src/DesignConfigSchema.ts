import { BACKEND_PREFERENCES } from '@infobed/core';
import * as z from 'zod';

const Options = z.record(z.string(), z.unknown()).default({});

/**
 * `design.polish`: after the last joint step, a pattern search on the design scored by the
 * independent EIG on one fixed set of draws (`outer` × `inner`, the `evaluate` method), accepting
 * only improvements (packages/design/src/polishDesign.ts); the critic-only steps and the final
 * evaluation (on other draws) follow. `steps`: raw step sizes, largest first; empty = no polish.
 */
const PolishSchema = z
  .object({
    steps: z.array(z.number().positive()).default([]),
    outer: z.number().int().min(2).default(1000),
    inner: z.number().int().positive().default(2000),
    /** Designs scored at most (the starting one included). */
    maxEvaluations: z.number().int().min(1).default(200),
  })
  .strict();

/** `design:` section: the optimiser's budget and learning rates. */
export const DesignSectionSchema = z
  .object({
    /** Joint critic + design steps. */
    steps: z.number().int().positive().default(2000),
    /** Extra critic-only steps at the final design before the read-out (calibrates plug-in estimates). */
    finalCriticSteps: z.number().int().min(0).default(500),
    /** Pairs per step; the score matrix is batch × batch. */
    batch: z.number().int().min(2).max(8192).default(256),
    lrCritic: z.number().positive().max(1).default(1e-3),
    lrDesign: z.number().positive().max(10).default(2e-2),
    /** Starting design (random in the design space when absent). */
    initial: z.array(z.number()).optional(),
    recordEvery: z.number().int().positive().default(10),
    /** Fresh batches for the final read-out of bound and estimate. */
    evalBatches: z.number().int().positive().default(20),
    /**
     * Short starts from different initial designs before the main run (1 = none): the best by the
     * independent EIG (the `evaluate` method at ≤ 500 × 2,000 samples) continues with its critic.
     */
    restarts: z.number().int().min(1).max(64).default(1),
    /** Joint steps of each restart (default steps ÷ 10, at least 50). */
    restartSteps: z.number().int().positive().optional(),
    /**
     * Joint steps after which to try exchange moves (every design with one coordinate moved onto
     * another's value), scored like the restarts; the best one replaces the design if it scores
     * higher (packages/design/src/exchangeDesign.ts). Empty = never.
     */
    exchangeAt: z.array(z.number().int().positive()).default([]),
    polish: PolishSchema.default(PolishSchema.parse({})),
  })
  .strict();

/** `evaluate:` section: the independent EIG of the final design (when the simulator allows one). */
export const EvaluateSectionSchema = z
  .object({
    method: z.enum(['auto', 'analytic', 'nmc', 'spce', 'none']).default('auto'),
    outer: z.number().int().positive().default(2000),
    inner: z.number().int().positive().default(5000),
  })
  .strict();

const RunSchema = z
  .object({
    simulator: z.object({ id: z.string().min(1), options: Options }).strict(),
    objective: z.object({ id: z.string().min(1).default('infonce-anchor'), options: Options }).strict().default({ id: 'infonce-anchor', options: {} }),
    critic: z
      .object({
        id: z.string().min(1).default('separable'),
        options: Options,
        /**
         * Standardise the critic's inputs per coordinate (θ by its prior, y by its prior predictive
         * at the starting design; `StandardisedCritic`). Needed when θ or y coordinates differ in
         * scale by orders of magnitude (pharmacokinetic: k_e ≈ 0.1, V ≈ 20; docs/infer.md).
         */
        standardise: z.boolean().default(false),
      })
      .strict()
      .default({ id: 'separable', options: {}, standardise: false }),
    design: DesignSectionSchema.default(DesignSectionSchema.parse({})),
    evaluate: EvaluateSectionSchema.default(EvaluateSectionSchema.parse({})),
    seed: z.number().int().min(0).default(0),
    backend: z.enum(BACKEND_PREFERENCES as [string, ...string[]]).default('auto'),
    /** Third-party plugins (paths relative to this file, or package names). */
    plugins: z.array(z.string().min(1)).default([]),
  })
  .strict();

/**
 * A design config file. `presets:` holds named partial overrides (`paper`: the anchors' budgets),
 * applied by `--preset <name>` before validation.
 */
export const DesignConfigSchema = RunSchema.extend({
  presets: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
  description: z.string().optional(),
});

/**
 * A validated design config. `criticNamed` (set by `resolveDesignConfig`, not a YAML field): false
 * when `critic` is only a fallback, i.e. the config names no critic, or `--objective` switched to
 * another objective than the one the config's critic was written for; the objective's own default
 * critic then wins (`designCritic`). Absent = named.
 */
export type DesignConfig = z.infer<typeof DesignConfigSchema> & { readonly criticNamed?: boolean };
