import type * as tf from '@tensorflow/tfjs';
import type { Rng } from '../rng/Rng.js';

/**
 * A benchmark task: a distribution p(x, y) with known mutual information (e.g. the "Beyond
 * Normal" tasks of Czyż et al. 2023). Pure apart from the `rng` it is handed.
 */
export interface MiTask {
  /** Label of this instance, e.g. `multinormal-dense-5x5` (family id + parameters). */
  readonly label: string;
  readonly xDim: number;
  readonly yDim: number;
  /** True I(X; Y) in nats (closed form). */
  readonly trueMi: number;
  /**
   * n fresh pairs from p(x, y): x `[n, xDim]`, y `[n, yDim]`, float32. All randomness comes from
   * `rng`, so the same seed gives the same pairs. Creates no other tensors; the caller disposes.
   */
  sample(n: number, rng: Rng): { x: tf.Tensor2D; y: tf.Tensor2D };
  /**
   * The true pointwise MI `log p(x, y) / (p(x) p(y))` at one pair (float64), when the task can give
   * it: the ground-truth critic, and what the tests average to check `trueMi`.
   */
  pmi?(x: readonly number[], y: readonly number[]): number;
}

/** What a task plugin binds under `TOKENS.TaskFactory`: one family, options → instance. */
export interface TaskFactory {
  readonly id: string;
  /** One line for `infobed plugins list`. */
  readonly description: string;
  /** Throws `BedError('invalidConfig')` naming `task.options.<field>` for bad options. */
  create(options: Readonly<Record<string, unknown>>): MiTask;
}
