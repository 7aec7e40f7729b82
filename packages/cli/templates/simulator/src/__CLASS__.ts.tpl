import * as tf from '@tensorflow/tfjs';
import { assertShape, DesignSpace, parsePluginOptions, z, type NoiseDraw, type Rng, type Simulator } from '@infobed/core';

/** Options of `__ID__` (config: `simulator: { id: __ID__, options: { designs: 2, noiseSd: 0.5 } }`). */
export const __CLASS__Options = z
  .object({
    /** D: how many measurements (design coordinates). */
    designs: z.number().int().min(1).max(1000).default(1),
    /** Prior standard deviation of θ. */
    priorSd: z.number().positive().default(1),
    /** Standard deviation σ of the measurement noise. */
    noiseSd: z.number().positive().default(1),
  })
  .strict();

/**
 * `__ID__`: θ ~ N(0, priorSd²) (p = 1), `y_k = d_k θ + ε_k`, ε_k ~ N(0, σ²) iid, designs
 * `d ∈ [−1, 1]^D` (q = D observations). Linear-Gaussian, so the EIG has a closed form:
 * `EIG(d) = ½ log(1 + priorSd² Σ_k d_k² / σ²)`, maximal at every |d_k| = 1.
 * Replace the model with your own: keep `simulate` differentiable in `design` (noise drawn
 * outside it, in `sampleNoise`), give `logLikelihood` when the likelihood is explicit and
 * `analyticEig` only for a true closed form.
 */
export class __CLASS__ implements Simulator {
  static readonly id = '__ID__';
  readonly id = __CLASS__.id;
  readonly thetaNames = ['theta'] as const;
  readonly obsDim: number;
  readonly designSpace: DesignSpace;
  readonly priorSd: number;
  readonly noiseSd: number;

  /** `options`: the config's `simulator.options` as given (validated here; defaults applied). */
  constructor(options: Readonly<Record<string, unknown>> = {}) {
    const o = parsePluginOptions(__CLASS__Options, options, 'simulator', __CLASS__.id);
    this.obsDim = o.designs;
    this.priorSd = o.priorSd;
    this.noiseSd = o.noiseSd;
    this.designSpace = new DesignSpace({ dim: o.designs, lower: -1, upper: 1, transform: 'box', label: 'd' });
  }

  /** `[n, 1]` prior draws. */
  samplePrior(n: number, rng: Rng): tf.Tensor2D {
    return tf.randomNormal([n, 1], 0, this.priorSd, 'float32', rng.nextSeed());
  }

  /** `{ eps: [n, D] }` standard normal noise, drawn outside the differentiated function. */
  sampleNoise(n: number, rng: Rng): NoiseDraw {
    return { eps: tf.randomNormal([n, this.obsDim], 0, 1, 'float32', rng.nextSeed()) };
  }

  /** θ `[n, 1]`, design `[D]` → y `[n, D]` = θ dᵀ + σ ε; differentiable w.r.t. `design`. */
  simulate(theta: tf.Tensor2D, design: tf.Tensor1D, noise: NoiseDraw): tf.Tensor2D {
    assertShape(this.id, 'theta', theta, [-1, 1]);
    assertShape(this.id, 'design', design, [this.obsDim]);
    const eps = noise.eps as tf.Tensor2D;
    return tf.tidy(() => tf.add(tf.matMul(theta, tf.reshape(design, [1, -1])), tf.mul(this.noiseSd, eps)) as tf.Tensor2D);
  }

  /** y `[n, D]`, θ `[m, 1]` → `[n, m]`: log p(y_i | θ_j, d) = Σ_k log N(y_ik; d_k θ_j, σ²). */
  logLikelihood(y: tf.Tensor2D, theta: tf.Tensor2D, design: tf.Tensor1D): tf.Tensor2D {
    return tf.tidy(() => {
      const mean = tf.matMul(theta, tf.reshape(design, [1, -1])); // [m, D]
      const r = tf.sub(tf.expandDims(y, 1), tf.expandDims(mean, 0)); // [n, m, D]
      const norm = -0.5 * this.obsDim * Math.log(2 * Math.PI * this.noiseSd ** 2);
      return tf.add(tf.mul(-0.5 / this.noiseSd ** 2, tf.sum(tf.square(r), 2)), norm) as tf.Tensor2D;
    });
  }

  /** Closed-form EIG in nats at `design` `[D]`. */
  analyticEig(design: readonly number[]): number {
    const s2 = design.reduce((a, d) => a + d * d, 0);
    return 0.5 * Math.log(1 + (this.priorSd ** 2 * s2) / this.noiseSd ** 2);
  }
}
