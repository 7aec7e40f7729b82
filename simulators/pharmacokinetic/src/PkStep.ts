import * as tf from '@tensorflow/tfjs';
import { BedError, DesignSpace, type NoiseDraw, type Rng, type StepwiseModel } from '@infobed/core';
import type { PkOptions } from './pkOptions.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
/** Guard for k_a ≈ k_e (prior probability ≈ 1e-13, but it would divide by ~0). */
const MIN_RATE_GAP = 1e-6;

/** f(t; θ) = (D/V)·k_a/(k_a − k_e)·(e^{−k_e t} − e^{−k_a t}), broadcasting k_a, k_e, V against t. */
export function pkCurve(ka: tf.Tensor, ke: tf.Tensor, v: tf.Tensor, t: tf.Tensor, dose: number): tf.Tensor {
  return tf.tidy(() => {
    const gap = tf.sub(ka, ke);
    const safeGap = tf.where(tf.less(tf.abs(gap), MIN_RATE_GAP), tf.fill(gap.shape, MIN_RATE_GAP), gap);
    const shape = tf.sub(tf.exp(tf.neg(tf.mul(ke, t))), tf.exp(tf.neg(tf.mul(ka, t))));
    return tf.mul(tf.div(tf.mul(dose, ka), tf.mul(v, safeGap)), shape);
  });
}

/** Noise sd √(σ_ε² f² + σ_ν²), elementwise. */
export function pkNoiseSd(f: tf.Tensor, o: PkOptions): tf.Tensor {
  return tf.sqrt(tf.add(tf.mul(o.multiplicativeVar, tf.square(f)), o.additiveVar));
}

/**
 * One blood sample of the PK model at a per-row time (sequential PK, specs/adaptive.md §3.2):
 * design `[n, 1]` times in hours (t = 24·sigmoid(ξ)), y `[n, 1]`, θ = (k_a, k_e, V).
 */
export class PkStep implements StepwiseModel {
  readonly designDim = 1;
  readonly obsDim = 1;
  readonly designSpace = new DesignSpace({ dim: 1, lower: 0, upper: 24, transform: 'sigmoid', units: 'h', label: 't' });

  constructor(private readonly o: PkOptions) {}

  sampleNoise(n: number, rng: Rng): NoiseDraw {
    return { z: tf.randomNormal([n, 1], 0, 1, 'float32', rng.nextSeed()) };
  }

  /** `[n, 1]` f for θ `[n, 3]` paired with times `[n, 1]`. */
  private pairedMean(theta: tf.Tensor2D, t: tf.Tensor2D): tf.Tensor2D {
    const [ka, ke, v] = tf.split(theta, 3, 1);
    return pkCurve(ka!, ke!, v!, t, this.o.dose) as tf.Tensor2D;
  }

  simulate(theta: tf.Tensor2D, design: tf.Tensor2D, noise: NoiseDraw): tf.Tensor2D {
    this.check(theta, design, theta.shape[0]);
    const z = noise['z'];
    if (!z || z.shape[0] !== theta.shape[0] || z.shape[1] !== 1) {
      throw new BedError('shapeMismatch', `pharmacokinetic: step noise.z must be [${theta.shape[0]}, 1], got ${z ? `[${z.shape.join(', ')}]` : 'nothing'}`);
    }
    return tf.tidy(() => {
      const f = this.pairedMean(theta, design);
      return tf.add(f, tf.mul(pkNoiseSd(f, this.o), z)) as tf.Tensor2D;
    });
  }

  logLikelihood(y: tf.Tensor2D, theta: tf.Tensor2D, design: tf.Tensor2D): tf.Tensor2D {
    this.check(theta, design, y.shape[0]);
    return tf.tidy(() => {
      const cols = (i: number) => tf.reshape(tf.slice(theta, [0, i], [-1, 1]), [1, -1]); // [1, m]
      const f = pkCurve(cols(0), cols(1), cols(2), design, this.o.dose); // [n, m]
      return this.gaussLog(y, f) as tf.Tensor2D;
    });
  }

  pairedLogLikelihood(y: tf.Tensor2D, theta: tf.Tensor2D, design: tf.Tensor2D): tf.Tensor1D {
    this.check(theta, design, y.shape[0]);
    return tf.tidy(() => tf.reshape(this.gaussLog(y, this.pairedMean(theta, design)), [-1]) as tf.Tensor1D);
  }

  /** Float64 CPU path (evaluation): out[j] += log p(y | θ_j, t), θ_j = (k_a, k_e, V). */
  accumulateLogLikelihood(y: readonly number[], thetas: Float32Array, design: readonly number[], out: Float64Array): void {
    const { dose, multiplicativeVar, additiveVar } = this.o;
    const t = design[0]!;
    const obs = y[0]!;
    for (let j = 0, o = 0; j < out.length; j++, o += 3) {
      const ka = thetas[o]!;
      const ke = thetas[o + 1]!;
      const v = thetas[o + 2]!;
      let gap = ka - ke;
      if (Math.abs(gap) < MIN_RATE_GAP) gap = MIN_RATE_GAP;
      const f = ((dose * ka) / (v * gap)) * (Math.exp(-ke * t) - Math.exp(-ka * t));
      const sd = Math.sqrt(multiplicativeVar * f * f + additiveVar);
      const r = (obs - f) / sd;
      out[j]! += -0.5 * r * r - Math.log(sd) - HALF_LOG_2PI;
    }
  }

  /** log N(y; f, sd(f)²), broadcasting y `[n, 1]` against f. */
  private gaussLog(y: tf.Tensor, f: tf.Tensor): tf.Tensor {
    const sd = pkNoiseSd(f, this.o);
    return tf.sub(tf.mul(-0.5, tf.square(tf.div(tf.sub(y, f), sd))), tf.add(tf.log(sd), HALF_LOG_2PI));
  }

  private check(theta: tf.Tensor2D, design: tf.Tensor2D, n: number): void {
    if (theta.shape.length !== 2 || theta.shape[1] !== 3) {
      throw new BedError('shapeMismatch', `pharmacokinetic: theta must be [m, 3] (k_a, k_e, V), got [${theta.shape.join(', ')}]`);
    }
    if (design.shape.length !== 2 || design.shape[0] !== n || design.shape[1] !== 1) {
      throw new BedError('shapeMismatch', `pharmacokinetic: step design must be [${n}, 1] times, got [${design.shape.join(', ')}]`);
    }
  }
}
