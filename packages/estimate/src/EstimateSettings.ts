import { BedError } from '@infobed/core';
import * as z from 'zod';

const Component = z.object({ id: z.string().min(1), options: z.record(z.string(), z.unknown()).default({}) }).strict();
/**
 * An objective, optionally with its own critic (e.g. FLO with `bilinear`) overriding `critic`, and
 * its own budget (`lr`, `stepsPerStage`, `average`, and the truth schedule `mi`) overriding the
 * settings' (each paper trains its critic its own way: FLO's shared critic at Adam 1e-4 from a
 * fresh start at the target MI).
 */
const ObjectiveEntry = z
  .object({
    id: z.string().min(1),
    options: z.record(z.string(), z.unknown()).default({}),
    critic: Component.optional(),
    lr: z.number().positive().optional(),
    stepsPerStage: z.number().int().positive().optional(),
    average: z.number().int().positive().optional(),
    /** Its own truth schedule (stepwise Gaussian only), e.g. `[10]`: a fresh start at 10 nats. */
    mi: z.array(z.number().positive()).min(1).optional(),
    /** Its own learning-rate schedule (see `lrSchedule` below). */
    lrSchedule: z.enum(['constant', 'cosine']).optional(),
    /** Its own weight averaging for the held-out read-out (see `emaDecay` below). */
    emaDecay: z.number().gt(0).lt(1).optional(),
  })
  .strict();

/** Settings of one benchmark (config `estimate:` / `infobed estimate` flags). */
export const EstimateSettingsSchema = z
  .object({
    /** Objectives to compare; each gets its own critic (same seed per run). */
    objectives: z.array(ObjectiveEntry).min(1),
    /** Critic of objectives that name none and declare no `defaultCritic` of their own (FLO → `shared`). */
    critic: Component.default({ id: 'separable', options: {} }),
    /**
     * Benchmark tasks (plugins of kind `tasks`, e.g. `bmi` families): each is trained from scratch
     * as one stage with its own true MI. When absent, the stepwise correlated-Gaussian schedule
     * `mi` / `dim` / `transform` runs instead.
     */
    tasks: z.array(Component).min(1).optional(),
    /** Dimension d of x and y. */
    dim: z.number().int().positive().default(10),
    /** Stepwise truth schedule in nats; the critic is carried over from stage to stage. */
    mi: z.array(z.number().positive()).min(1).default([2, 4, 6, 8, 10]),
    transform: z.enum(['none', 'cubic']).default('none'),
    batch: z.number().int().min(2).default(64),
    stepsPerStage: z.number().int().positive().default(1000),
    /** Estimate = mean of the per-step training-batch `mi` over the last `average` steps of a stage. */
    average: z.number().int().positive().default(500),
    /**
     * Held-out pairs after each stage: the objective's `mi` on this many fresh pairs (in batches
     * of `batch`), never trained on. 0 turns it off.
     */
    heldOut: z.number().int().min(0).default(10000),
    /**
     * What a run that hits a non-finite value does to the command: `fail` (default) stops the
     * report with a numerical error (exit 3, files written, no `result.json`); `report` records
     * it as diverged (row `diverged` = how many runs, cell `diverged` in the benchmark table and
     * heat-map) and the command finishes. The `benchmark` preset uses `report`: heavy-tailed tasks
     * break exp-type objectives, and that is a result.
     */
    onDiverge: z.enum(['fail', 'report']).default('fail'),
    /** Independent runs (fresh critic and data streams). */
    runs: z.number().int().positive().default(1),
    /** Adam learning rate. */
    lr: z.number().positive().default(5e-4),
    /**
     * `constant`: Adam at `lr` throughout. `cosine`: lr·½(1 + cos(πk/N)) at step k of each stage of
     * N = `stepsPerStage` steps (Loshchilov & Hutter's SGDR without restarts within a stage).
     */
    lrSchedule: z.enum(['constant', 'cosine']).default('constant'),
    /**
     * When set, the held-out estimate reads the critic with an exponential moving average of its
     * weights over training (decay d ∈ (0, 1), ≈ the last 1/(1 − d) steps; `WeightAverage` in
     * `@infobed/nn`); training and the training-batch estimate use the live weights. Off by default.
     */
    emaDecay: z.number().gt(0).lt(1).optional(),
    /** Training-curve resolution: one trace point per `traceEvery` steps (default: 50 per stage). */
    traceEvery: z.number().int().positive().optional(),
    /** Write the rows as CSV here (optional). */
    csv: z.string().min(1).optional(),
  })
  .strict()
  .refine((s) => s.average <= s.stepsPerStage, { message: 'expected average ≤ stepsPerStage', path: ['average'] })
  .superRefine((s, ctx) => {
    s.objectives.forEach((o, i) => {
      if ((o.average ?? s.average) > (o.stepsPerStage ?? s.stepsPerStage)) ctx.addIssue({ code: 'custom', message: 'expected average ≤ stepsPerStage', path: ['objectives', i, 'average'] });
    });
  });

export type EstimateSettings = z.infer<typeof EstimateSettingsSchema>;

/** The settings one objective entry trains with: its own `lr` / `lrSchedule` / `stepsPerStage` / `average` / `mi` / `emaDecay` over the shared ones. */
export function settingsFor(s: EstimateSettings, o: EstimateSettings['objectives'][number]): EstimateSettings {
  const emaDecay = o.emaDecay ?? s.emaDecay;
  return { ...s, lr: o.lr ?? s.lr, lrSchedule: o.lrSchedule ?? s.lrSchedule, stepsPerStage: o.stepsPerStage ?? s.stepsPerStage, average: o.average ?? s.average, mi: o.mi ?? s.mi, ...(emaDecay !== undefined ? { emaDecay } : {}) };
}
export type EstimateSettingsInput = z.input<typeof EstimateSettingsSchema>;

/** Parses settings, throwing `invalidConfig` naming `estimate.<field>`. */
export function parseEstimateSettings(input: unknown): EstimateSettings {
  const r = EstimateSettingsSchema.safeParse(input ?? {});
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new BedError('invalidConfig', `estimate.${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return r.data;
}
