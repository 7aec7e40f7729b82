import { BACKEND_PREFERENCES } from '@infobed/core';
import * as z from 'zod';
import { FreshCriticConfigSchema } from './FreshCriticConfigSchema.js';
import { PosteriorCriticConfigSchema } from './PosteriorCriticConfigSchema.js';

const Options = z.record(z.string(), z.unknown()).default({});
const Block = (id: string) => z.object({ id: z.string().min(1).default(id), options: Options }).strict().default({ id, options: {} });

/** `train:` the policy's training budget. */
export const TrainSectionSchema = z
  .object({
    steps: z.number().int().positive().default(5000),
    /** Rollouts per step. */
    batch: z.number().int().min(2).max(16384).default(256),
    /** L: contrastive prior samples per step for sPCE (shared across the batch). */
    contrastive: z.number().int().positive().default(1023),
    lr: z.number().positive().max(1).default(1e-4),
    /** Critic learning rate (critic objectives only). */
    lrCritic: z.number().positive().max(1).default(1e-3),
    /**
     * Critic objectives: standardise the critic's inputs (θ and the history) per coordinate with
     * moments of `criticScalingRollouts` rollouts of the untrained policy (scaledCritic).
     */
    criticScaling: z.boolean().default(false),
    criticScalingRollouts: z.number().int().min(2).default(4096),
    /**
     * Critic objectives: contrast each (θ, history) pair with other histories for its θ (`history`,
     * rows θ) or with other θ for its history (`theta`, rows histories, iDAD: an InfoNCE critic is
     * then a posterior density ratio, what `policy infer` needs).
     */
    contrast: z.enum(['history', 'theta']).default('history'),
    recordEvery: z.number().int().positive().default(25),
    /** Wall-clock budget of the policy's training in minutes (0 = none): stops after the step that exceeds it. */
    maxMinutes: z.number().min(0).default(0),
    /** Clip the policy gradient's global norm (0 = off); see trainPolicy. */
    clipNorm: z.number().min(0).default(0),
    /** Learning-rate decay factor per `lrDecayEvery` steps (1 = off; DAD: 0.98); baselines too. */
    lrDecay: z.number().positive().max(1).default(1),
    lrDecayEvery: z.number().int().positive().default(100),
    /**
     * Keep-best: restore, at the end of training, the weights of the record step with the highest
     * training bound averaged over the last `keepBest` records (0 = off); baselines too.
     */
    keepBest: z.number().int().min(0).default(0),
    /** Steps for trainable baselines (the static design), same objective. */
    baselineSteps: z.number().int().min(0).default(2000),
    /** Rollouts per step for trainable baselines (default: `batch`). */
    baselineBatch: z.number().int().min(2).max(16384).optional(),
    /** Learning rate of trainable baselines (default: `lr`); a static design has few parameters and takes a larger one. */
    baselineLr: z.number().positive().max(1).optional(),
  })
  .strict();

/** `evaluate:` the common evaluator of the policy and every baseline. */
export const AdaptiveEvaluateSchema = z
  .object({
    /** N rollouts per policy (implicit simulators: fresh rollouts per policy, half train the new critic). */
    rollouts: z.number().int().min(2).default(1000),
    /** L inner prior samples per rollout. */
    inner: z.number().int().positive().default(100_000),
    /** Inner samples per likelihood call (memory bound). */
    chunk: z.number().int().positive().default(25_000),
    /** Rollouts drawn in the trajectory plot. */
    trajectories: z.number().int().min(0).max(20).default(4),
    /** Implicit simulators (no likelihood): the fresh-critic evaluator's settings. */
    freshCritic: FreshCriticConfigSchema.default(FreshCriticConfigSchema.parse({})),
    /** A critic trained for the posterior after training (contrast θ, standardised inputs); off by default. */
    posteriorCritic: PosteriorCriticConfigSchema.default(PosteriorCriticConfigSchema.parse({})),
  })
  .strict();

/** A baseline policy; `name` labels it in results and file names (default: its id), e.g. an sPCE-trained `gru` beside a critic-trained one. */
const BaselineSchema = z.object({ id: z.string().min(1), options: Options, name: z.string().regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "_" and "-" only (it names files)').optional() }).strict();

const RunSchema = z
  .object({
    simulator: z.object({ id: z.string().min(1), options: Options }).strict(),
    policy: Block('deepsets'),
    /** `spce` (through the likelihood, DAD) or any MI objective id, trained with `critic` over (θ, history). */
    objective: Block('spce'),
    critic: Block('separable'),
    baselines: z.array(BaselineSchema).default([{ id: 'random', options: {} }, { id: 'static', options: {} }]),
    train: TrainSectionSchema.default(TrainSectionSchema.parse({})),
    evaluate: AdaptiveEvaluateSchema.default(AdaptiveEvaluateSchema.parse({})),
    seed: z.number().int().min(0).default(0),
    backend: z.enum(BACKEND_PREFERENCES as [string, ...string[]]).default('auto'),
    plugins: z.array(z.string().min(1)).default([]),
  })
  .strict();

/** A `configs/<model>-adaptive.yaml` file; `presets:` as in design configs (`ci`, `default`, `paper`). */
export const AdaptiveConfigSchema = RunSchema.extend({
  presets: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
  description: z.string().optional(),
});

export type AdaptiveConfig = z.infer<typeof AdaptiveConfigSchema>;

