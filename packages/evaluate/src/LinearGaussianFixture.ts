import * as tf from '@tensorflow/tfjs';
import { DesignSpace, type NoiseDraw, type Rng, type Simulator } from '@infobed/core';

/**
 * Test fixture (not exported): y = Xθ + ε, θ ~ N(μ₀, Σ₀) (2-D), ε ~ N(0, σ²I).
 * X has rows `[1, d_j]` for the design d `[D]`, or is `fixedX` (design ignored).
 * EIG = ½ log det Σ₀ − ½ log det Σ_post, Σ_post⁻¹ = Σ₀⁻¹ + XᵀX/σ² (specs/simulators.md §1.2).
 */
export class LinearGaussianFixture implements Simulator {
  readonly id = 'linear-gaussian-fixture';
  readonly thetaNames = ['theta0', 'theta1'];
  readonly obsDim: number;
  readonly designSpace: DesignSpace;
  private readonly chol: number[][];

  constructor(
    readonly sigma0: number[][],
    readonly noiseSd: number,
    dim: number,
    readonly fixedX?: number[][],
    readonly mu0: number[] = [0, 0],
  ) {
    this.obsDim = fixedX ? fixedX.length : dim;
    this.designSpace = new DesignSpace({ dim, lower: -10, upper: 10, transform: 'box' });
    const [[a, b], [, c]] = sigma0 as [[number, number], [number, number]];
    const l11 = Math.sqrt(a);
    const l21 = b / l11;
    this.chol = [[l11, 0], [l21, Math.sqrt(c - l21 * l21)]];
  }

  xOf(design: readonly number[]): number[][] {
    return this.fixedX ?? design.map((d) => [1, d]);
  }

  private xTensor(design: tf.Tensor1D): tf.Tensor2D {
    if (this.fixedX) return tf.tensor2d(this.fixedX);
    return tf.stack([tf.onesLike(design), design], 1) as tf.Tensor2D;
  }

  samplePrior(n: number, rng: Rng): tf.Tensor2D {
    return tf.tidy(() => tf.add(tf.matMul(tf.randomNormal([n, 2], 0, 1, 'float32', rng.nextSeed()), tf.tensor2d(this.chol), false, true), tf.tensor1d(this.mu0)) as tf.Tensor2D);
  }

  sampleNoise(n: number, rng: Rng): NoiseDraw {
    return { z: tf.randomNormal([n, this.obsDim], 0, 1, 'float32', rng.nextSeed()) };
  }

  simulate(theta: tf.Tensor2D, design: tf.Tensor1D, noise: NoiseDraw): tf.Tensor2D {
    return tf.tidy(() => tf.add(tf.matMul(theta, this.xTensor(design), false, true), tf.mul(this.noiseSd, noise['z']!)) as tf.Tensor2D);
  }

  logLikelihood(y: tf.Tensor2D, theta: tf.Tensor2D, design: tf.Tensor1D): tf.Tensor2D {
    return tf.tidy(() => {
      const mean = tf.matMul(theta, this.xTensor(design), false, true); // [m, D]
      const r = tf.div(tf.sub(tf.expandDims(y, 1), tf.expandDims(mean, 0)), this.noiseSd);
      const c = this.obsDim * (Math.log(this.noiseSd) + 0.5 * Math.log(2 * Math.PI));
      return tf.sub(tf.mul(-0.5, tf.sum(tf.square(r), 2)), c) as tf.Tensor2D;
    });
  }

  /** `[2, 2]` posterior covariance (Σ₀⁻¹ + XᵀX/σ²)⁻¹ and `[2]` mean for an observation y. */
  posterior(design: readonly number[], y: readonly number[]): { mean: number[]; cov: number[][] } {
    const x = this.xOf(design);
    const s2 = this.noiseSd ** 2;
    const p0 = inv2(this.sigma0);
    const prec = [0, 1].map((i) => [0, 1].map((j) => p0[i]![j]! + x.reduce((a, r) => a + r[i]! * r[j]!, 0) / s2));
    const cov = inv2(prec);
    const rhs = [0, 1].map((i) => p0[i]![0]! * this.mu0[0]! + p0[i]![1]! * this.mu0[1]! + x.reduce((a, r, k) => a + (r[i]! * y[k]!) / s2, 0));
    return { mean: [0, 1].map((i) => cov[i]![0]! * rhs[0]! + cov[i]![1]! * rhs[1]!), cov };
  }

  analyticEig(design: readonly number[]): number {
    return 0.5 * (Math.log(det2(this.sigma0)) - Math.log(det2(this.posterior(design, new Array<number>(this.obsDim).fill(0)).cov)));
  }
}

const det2 = (m: number[][]): number => m[0]![0]! * m[1]![1]! - m[0]![1]! * m[1]![0]!;
const inv2 = (m: number[][]): number[][] => {
  const d = det2(m);
  return [[m[1]![1]! / d, -m[0]![1]! / d], [-m[1]![0]! / d, m[0]![0]! / d]];
};
