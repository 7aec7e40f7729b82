import * as z from 'zod';

/** One value of a grid axis: a scalar (`--<axis> <value>`) or a map of flags (`options:` entries). */
const AxisValue = z.union([z.string(), z.number(), z.boolean(), z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))]);

/**
 * A sweep file (`infobed sweep --config sweep.yaml`): a grid of ordinary `infobed <command>` runs.
 * Every axis of `grid` is a list; the cells are the Cartesian product. `config` paths are relative to
 * the sweep file; `seed` is the replicate axis the table averages over; every other key becomes a
 * flag (`objective: [infonce]` → `--objective infonce`, `options: [{ steps: 500 }]` → `--steps 500`).
 */
export const SweepConfigSchema = z
  .object({
    description: z.string().optional(),
    /** The subcommand each cell runs. */
    command: z.enum(['design', 'meta', 'estimate', 'evaluate']).default('design'),
    grid: z
      .record(z.string().regex(/^[a-z][a-zA-Z0-9-]*$/, 'axis names are flag names (letters, digits, -)'), z.array(AxisValue).min(1))
      .refine((g) => Object.keys(g).length > 0, 'at least one axis'),
    /**
     * Dotted paths into each cell's `result.json` to tabulate: `eig.value`, `mi.bound`, and array
     * selectors such as `mse[shots=3].mean` or `mse[shots=10,steps=1].mean`.
     */
    metrics: z.array(z.string().min(1)).min(1),
    /** Flags added to every cell (e.g. `{ quiet: true }`). */
    fixed: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
    executor: z.enum(['local', 'redis', 'k8s']).default('local'),
    /** Local executor: worker processes (default: every available core, one GEMM thread each). */
    workers: z.number().int().positive().optional(),
    /** Attempts per cell before it is reported failed (a worker that dies counts as one). */
    attempts: z.number().int().positive().default(3),
  })
  .strict();

export type SweepConfig = z.infer<typeof SweepConfigSchema>;
export type AxisValue = z.infer<typeof AxisValue>;
