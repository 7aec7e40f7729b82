import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One golden objective result (float64): `loss`, `mi`, `dloss/dS`, optional aux gradients. */
export interface GoldenResult {
  readonly loss: number;
  readonly mi: number;
  readonly grad_S: number[][];
  readonly grad_u?: number[];
  readonly grad_U?: number[][];
  readonly type: string;
  readonly extra?: Record<string, unknown>;
}

export interface GoldenCase {
  readonly name: string;
  readonly description: string;
  readonly B: number;
  readonly S: number[][];
  readonly u: number[];
  readonly U: number[][];
}

export interface Golden {
  readonly cases: GoldenCase[];
  readonly results: Record<string, Record<string, GoldenResult>>;
  readonly bilinear_critic: {
    fx: number[][];
    fy: number[][];
    tau: number;
    S: number[][];
    infonce_loss: number;
    grad_tau: number;
    grad_fx: number[][];
  };
  readonly ground_truth_gaussian: { table: { d: number; rho: number; mi_nats: number }[]; inverse_table: { d: number; mi_nats: number; rho: number }[] };
}

/** Path of the vendored copy of `shared/golden/estimators.json` (`test/golden/`). */
export const GOLDEN_PATH = fileURLToPath(new URL('../../../test/golden/estimators.json', import.meta.url));

let cached: Golden | undefined;

/** The golden values (float64) for every objective on six fixed score matrices. */
export function golden(): Golden {
  cached ??= JSON.parse(readFileSync(GOLDEN_PATH, 'utf8')) as Golden;
  return cached;
}
