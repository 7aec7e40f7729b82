import * as tf from '@tensorflow/tfjs';
import type { NoiseDraw, Rng, Simulator } from '@infobed/core';
import { LinearModel } from './LinearModel.js';
import type { NoisyLinearOptions } from './linearOptions.js';

/**
 * GradBED / MINEBED noisy linear model: `y_j = θ₀ + θ₁ d_j + ε_j + ν_j`, ε ~ N(0, 1),
 * ν ~ Gamma(shape 2, scale 2) (mean 4, variance 8), θ ~ N(0, 3² I). D = 10 designs in [−2, 2].
 * No closed-form EIG; ground truth at the optimum (5 designs at each end) is 3.504 ± 0.032 nats
 * (specs/simulators.md §1.3). The noise does not depend on the design, so the Gamma draw needs no
 * reparameterisation: ∂y_j/∂d_j = θ₁.
 */
export class NoisyLinearSimulator extends LinearModel implements Simulator {
  static readonly id = 'noisy-linear';
  readonly id = NoisyLinearSimulator.id;

  constructor(readonly options: NoisyLinearOptions) {
    super(options.designs, options.lower, options.upper, options.priorSd);
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
