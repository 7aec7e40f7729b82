import * as tf from '@tensorflow/tfjs';
import { assertShape, DesignSpace, type NoiseDraw, type Rng } from '@infobed/core';

/**
 * The shared part of the linear models: `y_j = θ₀ + θ₁ d_j + noise_j`, θ ~ N(0, priorSd² I₂),
 * designs `[D]` in a box (projected). Subclasses supply the noise.
 */
export abstract class LinearModel {
  abstract readonly id: string;
  readonly thetaNames = ['theta0', 'theta1'] as const;
  readonly obsDim: number;
  readonly designSpace: DesignSpace;

  constructor(
    designs: number,
    lower: number,
    upper: number,
    readonly priorSd: number,
  ) {
    this.obsDim = designs;
    this.designSpace = new DesignSpace({ dim: designs, lower, upper, transform: 'box', label: 'd' });
  }

  /** `[n, 2]` iid N(0, priorSd²). */
  samplePrior(n: number, rng: Rng): tf.Tensor2D {
    return tf.randomNormal([n, 2], 0, this.priorSd, 'float32', rng.nextSeed());
  }

  abstract sampleNoise(n: number, rng: Rng): NoiseDraw;

  /** The additive noise `[n, D]` of a draw. */
  protected abstract noiseOf(noise: NoiseDraw): tf.Tensor2D;

  /** `[n, D]` mean `θ₀ + θ₁ d` as `θ · [1; d]`: a matmul, so the design gradient is `θ₁`. */
  protected mean(theta: tf.Tensor2D, design: tf.Tensor1D): tf.Tensor2D {
    return tf.matMul(theta, tf.stack([tf.onesLike(design), design]) as tf.Tensor2D);
  }

  /** y `[n, D]` = mean + noise; differentiable w.r.t. `design`. */
  simulate(theta: tf.Tensor2D, design: tf.Tensor1D, noise: NoiseDraw): tf.Tensor2D {
    assertShape(this.id, 'theta', theta, [-1, 2]);
    assertShape(this.id, 'design', design, [this.obsDim]);
    return tf.tidy(() => tf.add(this.mean(theta, design), this.noiseOf(noise)));
  }
}
