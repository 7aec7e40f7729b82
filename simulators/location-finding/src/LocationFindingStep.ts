import * as tf from '@tensorflow/tfjs';
import { BedError, DesignSpace, type NoiseDraw, type Rng, type StepwiseModel } from '@infobed/core';
import { matMul } from '@infobed/nn';
import type { LocationOptions } from './locationOptions.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * One measurement of location finding (DAD; specs/adaptive.md §3.1): at ξ ∈ R² the intensity is
 * μ(θ, ξ) = b + Σ_k α / (m + ‖θ_k − ξ‖²) and y = log μ + σ·ε, ε ~ N(0, 1) drawn outside
 * (pathwise gradient). θ `[n, 2K]` = [x₁, y₁, x₂, y₂, …], design `[n, 2]`, y `[n, 1]`.
 */
export class LocationFindingStep implements StepwiseModel {
  readonly designDim = 2;
  readonly obsDim = 1;
  readonly designSpace: DesignSpace;

  constructor(readonly o: LocationOptions) {
    this.designSpace = new DesignSpace({ dim: 2, lower: -o.bound, upper: o.bound, transform: 'box', label: 'ξ' });
  }

  sampleNoise(n: number, rng: Rng): NoiseDraw {
    return { z: tf.randomNormal([n, 1], 0, 1, 'float32', rng.nextSeed()) };
  }

  /** `[n, 1]` log μ for θ `[n, 2K]` paired with design `[n, 2]`. */
  pairedLogIntensity(theta: tf.Tensor2D, design: tf.Tensor2D): tf.Tensor2D {
    this.check(theta, design);
    return tf.tidy(() => {
      let mu: tf.Tensor = tf.fill([theta.shape[0], 1], this.o.background);
      for (let k = 0; k < this.o.K; k++) {
        const src = tf.slice(theta, [0, 2 * k], [-1, 2]);
        const sq = tf.sum(tf.square(tf.sub(src, design)), 1, true);
        mu = tf.add(mu, tf.div(this.o.alpha, tf.add(sq, this.o.maxSignal)));
      }
      return tf.log(mu) as tf.Tensor2D;
    });
  }

  /**
   * `[n, m]` log μ for every design `[n, 2]` against every θ `[m, 2K]`: ‖θ_k − ξ‖² for all pairs
   * as one matmul per source, [ξˣ, ξʸ, ‖ξ‖², 1]·[−2θˣ, −2θʸ, 1, ‖θ_k‖²]ᵀ.
   */
  logIntensity(theta: tf.Tensor2D, design: tf.Tensor2D): tf.Tensor2D {
    this.check(theta, design);
    return tf.tidy(() => {
      const n = design.shape[0];
      const left = tf.concat([design, tf.sum(tf.square(design), 1, true), tf.ones([n, 1])], 1) as tf.Tensor2D; // [n, 4]
      let mu: tf.Tensor = tf.scalar(this.o.background);
      for (let k = 0; k < this.o.K; k++) {
        const src = tf.slice(theta, [0, 2 * k], [-1, 2]); // [m, 2]
        const right = tf.concat([tf.mul(-2, src), tf.ones([src.shape[0], 1]), tf.sum(tf.square(src), 1, true)], 1) as tf.Tensor2D; // [m, 4]
        const sq = tf.relu(matMul(left, tf.transpose(right))); // cancellation can dip below 0
        mu = tf.add(mu, tf.div(this.o.alpha, tf.add(sq, this.o.maxSignal)));
      }
      return tf.log(mu) as tf.Tensor2D;
    });
  }

  /** Float64 CPU path (evaluation): out[j] += log p(y | θ_j, ξ). */
  accumulateLogLikelihood(y: readonly number[], thetas: Float32Array, design: readonly number[], out: Float64Array): void {
    const { K, alpha, background, maxSignal, noiseSd } = this.o;
    const p = 2 * K;
    const [x, z] = design as [number, number];
    const obs = y[0]!;
    const c = -0.5 / (noiseSd * noiseSd);
    const norm = Math.log(noiseSd) + HALF_LOG_2PI;
    for (let j = 0, o = 0; j < out.length; j++, o += p) {
      let mu = background;
      for (let k = 0; k < K; k++) {
        const dx = thetas[o + 2 * k]! - x;
        const dy = thetas[o + 2 * k + 1]! - z;
        mu += alpha / (maxSignal + dx * dx + dy * dy);
      }
      const r = obs - Math.log(mu);
      out[j]! += c * r * r - norm;
    }
  }

  simulate(theta: tf.Tensor2D, design: tf.Tensor2D, noise: NoiseDraw): tf.Tensor2D {
    const z = noise['z'];
    if (!z || z.shape[0] !== theta.shape[0] || z.shape[1] !== 1) {
      throw new BedError('shapeMismatch', `location-finding: noise.z must be [${theta.shape[0]}, 1], got ${z ? `[${z.shape.join(', ')}]` : 'nothing'}`);
    }
    return tf.tidy(() => tf.add(this.pairedLogIntensity(theta, design), tf.mul(this.o.noiseSd, z)) as tf.Tensor2D);
  }

  logLikelihood(y: tf.Tensor2D, theta: tf.Tensor2D, design: tf.Tensor2D): tf.Tensor2D {
    this.checkY(y, design);
    return tf.tidy(() => this.gaussLog(tf.sub(y, this.logIntensity(theta, design))) as tf.Tensor2D);
  }

  pairedLogLikelihood(y: tf.Tensor2D, theta: tf.Tensor2D, design: tf.Tensor2D): tf.Tensor1D {
    this.checkY(y, design);
    return tf.tidy(() => tf.reshape(this.gaussLog(tf.sub(y, this.pairedLogIntensity(theta, design))), [-1]) as tf.Tensor1D);
  }

  /** log N(r; 0, σ²) elementwise. */
  private gaussLog(r: tf.Tensor): tf.Tensor {
    const s = this.o.noiseSd;
    return tf.sub(tf.mul(-0.5 / (s * s), tf.square(r)), Math.log(s) + HALF_LOG_2PI);
  }

  private check(theta: tf.Tensor2D, design: tf.Tensor2D): void {
    if (theta.shape.length !== 2 || theta.shape[1] !== 2 * this.o.K) {
      throw new BedError('shapeMismatch', `location-finding: theta must be [n, ${2 * this.o.K}], got [${theta.shape.join(', ')}]`);
    }
    if (design.shape.length !== 2 || design.shape[1] !== 2) {
      throw new BedError('shapeMismatch', `location-finding: design must be [n, 2], got [${design.shape.join(', ')}]`);
    }
  }

  private checkY(y: tf.Tensor2D, design: tf.Tensor2D): void {
    if (y.shape.length !== 2 || y.shape[1] !== 1 || y.shape[0] !== design.shape[0]) {
      throw new BedError('shapeMismatch', `location-finding: y must be [${design.shape[0]}, 1], got [${y.shape.join(', ')}]`);
    }
  }
}
