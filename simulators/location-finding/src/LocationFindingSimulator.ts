import * as tf from '@tensorflow/tfjs';
import { BedError, DesignSpace, type NoiseDraw, type Rng, type Simulator } from '@infobed/core';
import { LocationFindingStep } from './LocationFindingStep.js';
import { parseLocationOptions, type LocationOptions } from './locationOptions.js';

/**
 * Location finding as a static experiment: T measurement points fixed in advance, design
 * `[2T]` = (ξ₁ˣ, ξ₁ʸ, ξ₂ˣ, …), y `[n, T]`; θ_k ~ N(0, I₂) iid. Its `stepwise` form is what
 * policies run sequentially (`sequentialFromStatic`).
 */
export class LocationFindingSimulator implements Simulator {
  static readonly id = 'location-finding';
  readonly id = LocationFindingSimulator.id;
  readonly thetaNames: string[];
  readonly obsDim: number;
  readonly designSpace: DesignSpace;
  readonly options: LocationOptions;
  readonly stepwise: LocationFindingStep;

  constructor(options: Readonly<Record<string, unknown>> = {}) {
    this.options = parseLocationOptions(options);
    const { T, K, bound } = this.options;
    this.thetaNames = Array.from({ length: K }, (_, k) => [`x${k + 1}`, `y${k + 1}`]).flat();
    this.obsDim = T;
    this.designSpace = new DesignSpace({ dim: 2 * T, lower: -bound, upper: bound, transform: 'box', label: 'ξ' });
    this.stepwise = new LocationFindingStep(this.options);
  }

  samplePrior(n: number, rng: Rng): tf.Tensor2D {
    return tf.randomNormal([n, 2 * this.options.K], 0, 1, 'float32', rng.nextSeed());
  }

  sampleNoise(n: number, rng: Rng): NoiseDraw {
    return { z: tf.randomNormal([n, this.obsDim], 0, 1, 'float32', rng.nextSeed()) };
  }

  /** `[n, 2]` design block t repeated for n rows. */
  private block(design: tf.Tensor1D, t: number, n: number): tf.Tensor2D {
    return tf.tile(tf.reshape(tf.slice(design, [2 * t], [2]), [1, 2]), [n, 1]);
  }

  simulate(theta: tf.Tensor2D, design: tf.Tensor1D, noise: NoiseDraw): tf.Tensor2D {
    this.checkDesign(design);
    const z = noise['z'];
    if (!z || z.shape[0] !== theta.shape[0] || z.shape[1] !== this.obsDim) {
      throw new BedError('shapeMismatch', `location-finding: noise.z must be [${theta.shape[0]}, ${this.obsDim}], got ${z ? `[${z.shape.join(', ')}]` : 'nothing'}`);
    }
    const n = theta.shape[0];
    return tf.tidy(() =>
      tf.concat(
        Array.from({ length: this.options.T }, (_, t) =>
          this.stepwise.simulate(theta, this.block(design, t, n), { z: tf.slice(z, [0, t], [-1, 1]) }),
        ),
        1,
      ),
    );
  }

  /** `[n, m]` Σ_t log p(y_it | θ_j, ξ_t). */
  logLikelihood(y: tf.Tensor2D, theta: tf.Tensor2D, design: tf.Tensor1D): tf.Tensor2D {
    this.checkDesign(design);
    if (y.shape.length !== 2 || y.shape[1] !== this.obsDim) {
      throw new BedError('shapeMismatch', `location-finding: y must be [n, ${this.obsDim}], got [${y.shape.join(', ')}]`);
    }
    const n = y.shape[0];
    return tf.tidy(() =>
      tf.addN(
        Array.from({ length: this.options.T }, (_, t) =>
          this.stepwise.logLikelihood(tf.slice(y, [0, t], [-1, 1]), theta, this.block(design, t, n)),
        ),
      ),
    );
  }

  private checkDesign(design: tf.Tensor1D): void {
    if (design.shape.length !== 1 || design.shape[0] !== 2 * this.options.T) {
      throw new BedError('shapeMismatch', `location-finding: design must be [${2 * this.options.T}] (T = ${this.options.T} points in the plane), got [${design.shape.join(', ')}]`);
    }
  }
}
