import * as z from 'zod';

const widths = z.array(z.number().int().positive()).min(1);
const pos = z.number().positive();
const int1 = z.number().int().min(1);

/** Methods of `infobed meta`: Meta-FLO, its λ = 0 CNP-style ablation, MAML, first-order MAML. */
export const META_METHODS = ['metaflo', 'cnp', 'maml', 'fomaml'] as const;
export type MetaMethod = (typeof META_METHODS)[number];

/** The `configs/sine-metaflo.yaml` document (specs/meta-learning.md §2–§5), after preset merge. */
export const MetaConfigSchema = z
  .object({
    description: z.string().optional(),
    method: z.enum(META_METHODS).default('metaflo'),
    seed: z.number().int().default(0),
    /** Seed of the fixed test set, shared by every method and training seed. */
    testSeed: z.number().int().default(0),
    backend: z.enum(['auto', 'tensorflow', 'wasm', 'cpu']).default('auto'),
    task: z.object({ noiseStd: z.number().min(0).default(0) }).strict().default({ noiseStd: 0 }),
    training: z
      .object({
        iterations: int1,
        tasksPerEpisode: z.number().int().min(2),
        supportShots: int1,
        queryPoints: int1,
        evalEvery: int1,
        validationTasks: int1,
        validationQueries: int1,
      })
      .strict(),
    metaflo: z
      .object({
        hidden: widths,
        embedDim: int1,
        stochastic: z.boolean(),
        lambda: z.number().min(0),
        lr: pos,
        criticLr: pos,
        critic: z.object({ hidden: widths, embed: int1, uHidden: widths, tau0: pos.optional(), betaMax: pos.optional(), uMax: pos.optional() }).strict(),
      })
      .strict(),
    maml: z
      .object({ hidden: widths, innerLr: pos, innerSteps: int1, metaLr: pos, evalSteps: z.number().int().min(1).max(50) })
      .strict(),
    evaluation: z
      .object({ tasks: z.number().int().min(2), shots: z.array(int1).min(1), queries: int1, examples: z.number().int().min(0).max(12) })
      .strict(),
    plugins: z.array(z.string()).optional(),
    presets: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export type MetaConfig = z.infer<typeof MetaConfigSchema>;

/** Built-in base configuration (the `default` preset: widths [128, 128], 15k iterations). */
export const DEFAULT_META_CONFIG = {
  method: 'metaflo',
  seed: 0,
  testSeed: 0,
  backend: 'auto',
  task: { noiseStd: 0 },
  training: { iterations: 15_000, tasksPerEpisode: 64, supportShots: 3, queryPoints: 2, evalEvery: 500, validationTasks: 100, validationQueries: 100 },
  metaflo: {
    hidden: [128, 128],
    embedDim: 64,
    stochastic: true,
    lambda: 1e-2,
    lr: 1e-3,
    criticLr: 1e-4,
    critic: { hidden: [128, 128], embed: 32, uHidden: [128] },
  },
  maml: { hidden: [40, 40], innerLr: 0.01, innerSteps: 1, metaLr: 1e-3, evalSteps: 10 },
  evaluation: { tasks: 600, shots: [1, 2, 3, 5, 10, 20], queries: 100, examples: 4 },
} as const;

/** Built-in presets (a config's own `presets:` entry of the same name wins). specs/meta-learning.md §5. */
export const META_PRESETS: Record<'ci' | 'default' | 'paper', Record<string, unknown>> = {
  default: {},
  ci: {
    training: { iterations: 1500, evalEvery: 100 },
    metaflo: { hidden: [32, 32], embedDim: 16, lr: 3e-3, criticLr: 1e-3, critic: { hidden: [32, 32], embed: 16, uHidden: [32] } },
    maml: { metaLr: 3e-3 },
  },
  paper: {
    training: { iterations: 100_000, evalEvery: 2000 },
    metaflo: { hidden: [512, 512], embedDim: 64, critic: { hidden: [512, 512], embed: 64, uHidden: [128] } },
  },
};
