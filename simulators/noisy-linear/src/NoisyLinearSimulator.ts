import * as tf from '@tensorflow/tfjs';
import { assertShape, type NoiseDraw, type Rng, type Simulator } from '@infobed/core';
import { gaussianGammaLogPdf, SUPPORTED_GAMMA_SHAPES } from './gaussianGammaLogPdf.js';
import { LinearModel } from './LinearModel.js';
import type { NoisyLinearOptions } from './linearOptions.js';

/**
 * GradBED / MINEBED noisy linear model: `y_j = θ₀ + θ₁ d_j + ε_j + ν_j`, ε ~ N(0, 1),
 * ν ~ Gamma(shape 2, scale 2) (mean 4, variance 8), θ ~ N(0, 3² I). D = 10 designs in [−2, 2].
 * No closed-form EIG; ground truth at the optimum (5 designs at each end) is 3.504 ± 0.032 nats
 * (specs/simulators.md §1.3). The noise does not depend on the design, so the Gamma draw needs no
 * reparameterisation: ∂y_j/∂d_j = θ₁.
 * Explicit likelihood (`gaussianGammaLogPdf`) for gammaShape 1 or 2, so `infobed evaluate` and
 * `result.json`'s `eig` use the sPCE/sNMC bracket; other shapes have no `logLikelihood`.
 */
export class NoisyLinearSimulator extends LinearModel implements Simulator {
  static readonly id = 'noisy-linear';
  readonly id = NoisyLinearSimulator.id;

  /**
   * `[n, m]`: log p(y_i | θ_j, design) = Σ_d log p_noise(y_id − θ_j0 − θ_j1·d_d); memory ∝ n·m·D.
   * Present only when `gammaShape` ∈ {1, 2} (closed-form noise density).
   */
  readonly logLikelihood?: (y: tf.Tensor2D, theta: tf.Tensor2D, design: tf.Tensor1D) => tf.Tensor2D;

  constructor(readonly options: NoisyLinearOptions) {
    super(options.designs, options.lower, options.upper, options.priorSd);
    if (SUPPORTED_GAMMA_SHAPES.includes(options.gammaShape)) this.logLikelihood = (y, theta, design) => this.noiseLogLikelihood(y, theta, design);
  }

  private noiseLogLikelihood(y: tf.Tensor2D, theta: tf.Tensor2D, design: tf.Tensor1D): tf.Tensor2D {
    assertShape(this.id, 'y', y, [-1, this.obsDim]);
    assertShape(this.id, 'theta', theta, [-1, 2]);
    assertShape(this.id, 'design', design, [this.obsDim]);
    const { gaussianSd, gammaShape, gammaScale } = this.options;
    return tf.tidy(() => {
      const x = tf.sub(tf.expandDims(y, 1), tf.expandDims(this.mean(theta, design), 0)); // [n, m, D]
      return tf.sum(gaussianGammaLogPdf(x, gaussianSd, gammaShape, gammaScale), 2) as tf.Tensor2D;
    });
  }

  /** `eps` `[n, D]` normal, `gamma` `[n, D]` Gamma(shape, scale). TF.js's randomGamma β is a scale. */
  sampleNoise(n: number, rng: Rng): NoiseDraw {
    const { gaussianSd, gammaShape, gammaScale } = this.options;
    return {
      eps: tf.randomNormal([n, this.obsDim], 0, gaussianSd, 'float32', rng.nextSeed()),
      gamma: tf.randomGamma([n, this.obsDim], gammaShape, gammaScale, 'float32', rng.nextSeed()),
    };
  }

  protected noiseOf(noise: NoiseDraw): tf.Tensor2D {
    return tf.add(noise.eps!, noise.gamma!) as tf.Tensor2D;
  }
}
