import * as z from 'zod';
import { CriticBlockSchema } from './FreshCriticConfigSchema.js';

/**
 * `evaluate.posteriorCritic:` a critic dedicated to the posterior of θ after an experiment
 * (docs/adaptive-sir.md, "The posterior of one rollout"). After training, the frozen policy is
 * rolled out `rollouts` times on `simulatorOptions`' bank, and a NEW critic contrasting θ for each
 * history (rows = histories, so its InfoNCE optimum is log p(θ | h)/p(θ) + c(h), a posterior
 * density ratio) is trained on standardised inputs by the fresh-critic trainer; its InfoNCE bound
 * with `negatives` θ is read on the held-out rollouts. Saved as `policy/posterior-critic.json`;
 * `policy infer` and the posterior check of `policy evaluate` use it instead of the training critic.
 */
export const PosteriorCriticConfigSchema = z
  .object({
    /** Train it in `policy train` (and in `policy evaluate` when the run has none). */
    enabled: z.boolean().default(false),
    critic: CriticBlockSchema,
    /** InfoNCE over θ: a posterior density ratio at its optimum, with batch − 1 contrasting θ per history. */
    objective: z.enum(['infonce', 'nwj']).default('infonce'),
    /** Fresh rollouts of the frozen policy (a share `trainFraction` trains the critic, the rest is held out). */
    rollouts: z.number().int().min(4).default(65536),
    trainFraction: z.number().gt(0).lt(1).default(0.75),
    steps: z.number().int().positive().default(8000),
    /** Histories per step, each contrasted with the batch's other θ. */
    batch: z.number().int().min(2).default(256),
    lr: z.number().positive().max(1).default(1e-3),
    /** θ negatives per held-out history for the reported bound. */
    negatives: z.number().int().positive().default(4096),
    evalBatch: z.number().int().min(2).default(256),
    /** Simulator options of its rollouts, merged over `simulator.options` (SIR: a bank of its own). */
    simulatorOptions: z.record(z.string(), z.unknown()).default({}),
    /**
     * The check of `policy evaluate`: `rollouts` held-out rollouts (the evaluation bank), each one's
     * posterior from `priorSamples` prior draws; coverage of central intervals and the
     * probability-integral transform of the true θ (simulation-based calibration).
     */
    calibration: z
      .object({ rollouts: z.number().int().min(0).default(200), priorSamples: z.number().int().min(10).default(10_000), levels: z.array(z.number().gt(0).lt(1)).min(1).default([0.5, 0.9]), bins: z.number().int().min(2).default(10) })
      .strict()
      .default({ rollouts: 200, priorSamples: 10_000, levels: [0.5, 0.9], bins: 10 }),
    /** Prior draws of the importance-sampling posterior of the plotted rollout (rollout 1). */
    plotPriorSamples: z.number().int().min(10).default(50_000),
    /** Rejection ABC reference for the plotted rollout: the `keep` nearest of `draws` simulated histories (0 = off). */
    abc: z.object({ draws: z.number().int().min(0).default(50_000), keep: z.number().int().min(1).default(200) }).strict().default({ draws: 50_000, keep: 200 }),
  })
  .strict();

export type PosteriorCriticConfig = z.infer<typeof PosteriorCriticConfigSchema>;
