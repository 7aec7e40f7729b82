import * as tf from '@tensorflow/tfjs';
import { Mlp } from '@infobed/nn';
import type { SineEpisode } from '../SineFamily.js';

/** Encoder + regressor widths of Meta-FLO / CNP (specs/meta-learning.md §2.3). */
export interface MetaFloModelOptions {
  /** Hidden widths of the prompt encoder and of the regressor (paper [512, 512]). */
  readonly hidden: readonly number[];
  /** Task-embedding width d (default 64). */
  readonly embedDim: number;
  /** Stochastic task embedding `E_t = mean μ + σ_t ⊙ ε` during training (default on). */
  readonly stochastic: boolean;
}

/** Embeddings of one episode's supports. */
export interface TaskEmbeddings {
  /** `[T·K, d]` per-point embeddings `μ_i` (pre-pooling: the critic's data side). */
  readonly points: tf.Tensor2D;
  /** `[T, d]` task embeddings: `mean_i μ_i`, plus `σ_t ⊙ ε` when sampled. */
  readonly tasks: tf.Tensor2D;
}

/**
 * Amortised CNP-style few-shot regressor: `h_i = φ([x_i, y_i])`, `E_t = mean_i h_i`
 * (permutation-invariant, any K), `ŷ = f([x, E_t])`. With `stochastic`, φ also outputs `log σ_i`
 * and `σ_t = exp(mean_i log σ_i)` (our choice); test time uses the mean.
 */
export class MetaFloModel {
  private readonly encoder: Mlp;
  private readonly regressor: Mlp;

  constructor(
    readonly options: MetaFloModelOptions,
    seed: number,
  ) {
    const d = options.embedDim;
    this.encoder = new Mlp({ inDim: 2, hidden: options.hidden, outDim: options.stochastic ? 2 * d : d, seed, name: 'enc' });
    this.regressor = new Mlp({ inDim: 1 + d, hidden: options.hidden, outDim: 1, seed: seed + 50, name: 'reg' });
  }

  /**
   * Support `[T·K]` → embeddings. `noiseSeed` given (and `stochastic`): sample `E_t`; otherwise
   * the mean embedding.
   */
  embed(support: SineEpisode, noiseSeed?: number): TaskEmbeddings {
    const { tasks, points: k } = support;
    const d = this.options.embedDim;
    const xy = tf.stack([tf.tensor1d(support.x), tf.tensor1d(support.y)], 1) as tf.Tensor2D;
    const out = this.encoder.apply(xy);
    const [mu, logSigma] = this.options.stochastic ? (tf.split(out, 2, 1) as [tf.Tensor2D, tf.Tensor2D]) : [out, undefined];
    const mean = tf.mean(tf.reshape(mu, [tasks, k, d]), 1) as tf.Tensor2D;
    if (logSigma === undefined || noiseSeed === undefined) return { points: mu, tasks: mean };
    const sigma = tf.exp(tf.mean(tf.reshape(logSigma, [tasks, k, d]), 1));
    return { points: mu, tasks: tf.add(mean, tf.mul(sigma, tf.randomNormal([tasks, d], 0, 1, 'float32', noiseSeed))) as tf.Tensor2D };
  }

  /** Task embeddings `[T, d]` and query inputs `[T·Q]` → predictions `[T·Q, 1]`. */
  predict(taskEmbeddings: tf.Tensor2D, query: SineEpisode): tf.Tensor2D {
    const { tasks, points: q } = query;
    const d = this.options.embedDim;
    const e = tf.reshape(tf.tile(tf.expandDims(taskEmbeddings, 1), [1, q, 1]), [tasks * q, d]);
    return this.regressor.apply(tf.concat([tf.tensor2d(query.x, [tasks * q, 1]), e], 1) as tf.Tensor2D);
  }

  get variables(): tf.Variable[] {
    return [...this.encoder.variables, ...this.regressor.variables];
  }

  get parameterCount(): number {
    return this.encoder.size + this.regressor.size;
  }

  dispose(): void {
    this.encoder.dispose();
    this.regressor.dispose();
  }
}
