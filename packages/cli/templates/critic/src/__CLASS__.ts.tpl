import * as tf from '@tensorflow/tfjs';
import { BedError, parsePluginOptions, z, type Critic, type CriticSpec, type ScoreBatch } from '@infobed/core';

/** Options of `__ID__` (config: `critic: { id: __ID__, options: { hidden: 64, embed: 16 } }`). */
export const __CLASS__Options = z
  .object({
    /** Width of the one hidden layer of each tower. */
    hidden: z.number().int().min(1).max(4096).default(32),
    /** Embedding size k: scores are dot products of two k-vectors. */
    embed: z.number().int().min(1).max(1024).default(8),
  })
  .strict();

/** One tower `[n, in] → [n, embed]`: dense(hidden, relu) → dense(embed). */
class Tower {
  readonly variables: tf.Variable[];

  constructor(inDim: number, hidden: number, embed: number, seed: number) {
    const glorot = (a: number, b: number, s: number): tf.Variable => tf.variable(tf.randomNormal([a, b], 0, Math.sqrt(2 / (a + b)), 'float32', s));
    // Inside tidy, so the initial values are freed once the variables hold them.
    this.variables = tf.tidy(() => [glorot(inDim, hidden, seed), tf.variable(tf.zeros([hidden])), glorot(hidden, embed, seed + 1), tf.variable(tf.zeros([embed]))]);
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    const [w1, b1, w2, b2] = this.variables as [tf.Variable, tf.Variable, tf.Variable, tf.Variable];
    return tf.tidy(() => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2) as tf.Tensor2D);
  }
}

/**
 * `__ID__`: a separable critic `T(x, y) = f(x)ᵀ g(y)` with two one-hidden-layer MLP towers
 * (van den Oord et al. 2018; Poole et al. 2019). One matmul gives the `[B, B]` score matrix.
 * Unbounded scores; no auxiliary head. Replace the towers with your own architecture.
 */
export class __CLASS__ implements Critic {
  static readonly id = '__ID__';
  readonly id = __CLASS__.id;
  readonly variables: readonly tf.Variable[];
  private readonly fx: Tower;
  private readonly gy: Tower;

  /** `spec`: x and y dimensions, the objective's aux head (unsupported here), the options and a seed. */
  constructor(spec: CriticSpec) {
    if (spec.aux !== undefined) {
      throw new BedError('invalidConfig', `critic.id: "${__CLASS__.id}" has no auxiliary head, but the objective needs "${spec.aux}"; use a first-party critic`);
    }
    const o = parsePluginOptions(__CLASS__Options, spec.options, 'critic', __CLASS__.id);
    this.fx = new Tower(spec.xDim, o.hidden, o.embed, spec.seed);
    this.gy = new Tower(spec.yDim, o.hidden, o.embed, spec.seed + 2);
    this.variables = [...this.fx.variables, ...this.gy.variables];
  }

  /** x `[B, xDim]`, y `[B, yDim]` → `scores` `[B, B]`, `scores[i][j] = T(x_i, y_j)`. */
  scores(x: tf.Tensor2D, y: tf.Tensor2D): ScoreBatch {
    return { scores: tf.tidy(() => tf.matMul(this.fx.apply(x), this.gy.apply(y), false, true)) };
  }

  /** x `[n, xDim]`, y `[n, yDim]` → `[n]`: `T(x_k, y_k)` only. */
  pairScores(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => tf.sum(tf.mul(this.fx.apply(x), this.gy.apply(y)), 1) as tf.Tensor1D);
  }

  dispose(): void {
    tf.dispose([...this.variables]);
  }
}
