import { existsSync, readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { BedError, writeFileAtomic } from '@infobed/core';
import * as z from 'zod';

/**
 * The saved-policy format (`<run>/policy/<name>.json`, docs/adaptive.md): JSON with the plugin
 * ids and options needed to rebuild the networks, and every trainable variable in the policy's
 * `variables` order as a flat float32 array (row-major) with its shape.
 */
export const PolicyFileSchema = z
  .object({
    format: z.literal('infobed-policy'),
    version: z.literal(1),
    /** What this file holds: the trained policy, a baseline, or a critic. */
    role: z.enum(['policy', 'baseline', 'critic']),
    /** The plugin that rebuilds it (a policy or critic id) and its options. */
    id: z.string().min(1),
    options: z.record(z.string(), z.unknown()),
    /** Seed passed to the factory (weights are overwritten, but random baselines draw from it). */
    seed: z.number().int(),
    /** The experiment it was trained for. */
    simulator: z.object({ id: z.string().min(1), options: z.record(z.string(), z.unknown()) }),
    T: z.number().int().positive(),
    designDim: z.number().int().positive(),
    obsDim: z.number().int().positive(),
    /** Training steps done. */
    steps: z.number().int().min(0),
    weights: z.array(z.object({ shape: z.array(z.number().int().min(0)), values: z.array(z.number()) })),
    /** Critics trained with `train.criticScaling`: the fixed input standardisation (CriticScaling). */
    inputScaling: z
      .object({ thetaMean: z.array(z.number()), thetaSd: z.array(z.number()), historyMean: z.array(z.number()), historySd: z.array(z.number()) })
      .strict()
      .optional(),
    /** Critics: rows θ and columns histories (`history`, the default when absent) or the other way round (`theta`). */
    contrast: z.enum(['history', 'theta']).optional(),
    /** Critics trained apart from the policy (`posterior-critic.json`): their objective id (else the run's `objective`). */
    objective: z.string().min(1).optional(),
  })
  .strict();

export type PolicyFile = z.infer<typeof PolicyFileSchema>;

/** Snapshot of variables as plain arrays (their order is the contract). */
export function dumpWeights(vars: readonly tf.Variable[]): PolicyFile['weights'] {
  return vars.map((v) => ({ shape: [...v.shape], values: Array.from(v.dataSync()) }));
}

/** Assigns saved weights to `vars` in order; throws `invalidArgument` naming the file on a mismatch. */
export function loadWeights(vars: readonly tf.Variable[], weights: PolicyFile['weights'], file: string): void {
  if (vars.length !== weights.length) {
    throw new BedError('invalidArgument', `${file}: weights: the policy has ${vars.length} variables, the file ${weights.length}`);
  }
  vars.forEach((v, i) => {
    const w = weights[i]!;
    if (w.shape.join('x') !== v.shape.join('x') || w.values.length !== v.size) {
      throw new BedError('invalidArgument', `${file}: weights[${i}]: expected shape [${v.shape.join(', ')}], got [${w.shape.join(', ')}] with ${w.values.length} values`);
    }
    tf.tidy(() => v.assign(tf.tensor(w.values, v.shape)));
  });
}

export function writePolicyFile(file: string, doc: PolicyFile): void {
  writeFileAtomic(file, JSON.stringify(doc));
}

/** Reads and validates a saved policy; `invalidArgument` (exit 2) naming the file and field when absent or malformed. */
export function readPolicyFile(file: string, what = 'policy'): PolicyFile {
  if (!existsSync(file)) throw new BedError('invalidArgument', `${file}: no saved ${what} here (train one with \`infobed policy train\`)`);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new BedError('invalidArgument', `${file}: not valid JSON`, { cause });
  }
  const r = PolicyFileSchema.safeParse(doc);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new BedError('invalidArgument', `${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return r.data;
}
