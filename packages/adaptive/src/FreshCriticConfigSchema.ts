import * as z from 'zod';

/** A new critic over (θ, history): a critic plugin id and its options (default separable [128, 128] → 32). */
export const CriticBlockSchema = z
  .object({ id: z.string().min(1).default('separable'), options: z.record(z.string(), z.unknown()).default({ hidden: [128, 128], embed: 32 }) })
  .strict()
  .default({ id: 'separable', options: { hidden: [128, 128], embed: 32 } });

/**
 * `evaluate.freshCritic:` how policies of an implicit simulator (SIR: no likelihood) are scored
 * (docs/adaptive.md, "SIR"): for every policy and baseline, `evaluate.rollouts` fresh rollouts,
 * a NEW critic trained on half of them per objective in `objectives`, and that objective's
 * lower bound read on the held-out half with `negatives` negatives (InfoNCE from the critic trained
 * with InfoNCE, NWJ from the one trained with NWJ), mean ± s.e. over batches of `evalBatch`.
 */
export const FreshCriticConfigSchema = z
  .object({
    /** The new critic over (θ, history): a critic plugin id and its options. */
    critic: CriticBlockSchema,
    /** Objectives the new critics are trained with; each reports its own bound (`infonce` and/or `nwj`). */
    objectives: z.array(z.enum(['infonce', 'nwj'])).min(1).default(['infonce', 'nwj']),
    /** Adam steps of each new critic. */
    steps: z.number().int().positive().default(2000),
    batch: z.number().int().min(2).default(256),
    lr: z.number().positive().max(1).default(1e-3),
    /** K negatives per held-out pair (iDAD: 10,000; ≥ 4,096 for reported numbers). */
    negatives: z.number().int().positive().default(4096),
    /** Held-out pairs per evaluation batch (the unit of the standard error). */
    evalBatch: z.number().int().min(2).default(256),
    /**
     * InfoNCE of the first t measurements for t = 1 … T − 1 as well (one more critic per t and
     * policy): the bound-vs-T plot. `policy evaluate` only; `policy train` reports t = T.
     */
    byT: z.boolean().default(true),
    /** Critic steps for the prefixes t < T (default: `steps`). */
    byTSteps: z.number().int().positive().optional(),
    /**
     * Simulator options for the evaluation rollouts, merged over `simulator.options` (SIR:
     * `bankSeed` of a held-out bank of paths, as iDAD evaluates on held-out simulations).
     */
    simulatorOptions: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

export type FreshCriticConfig = z.infer<typeof FreshCriticConfigSchema>;
