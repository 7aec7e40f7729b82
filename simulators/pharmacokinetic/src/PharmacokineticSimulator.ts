import * as tf from '@tensorflow/tfjs';
import { BedError, DesignSpace, type NoiseDraw, type Rng, type Simulator } from '@infobed/core';
import { parsePkOptions, type PkOptions } from './pkOptions.js';
import { PkStep, pkCurve, pkNoiseSd } from './PkStep.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * One-compartment pharmacokinetic model with first-order absorption (Ryan et al. 2014, iDAD form;
 * specs/simulators.md §2):
 *
 * f(t; θ) = (D/V)·k_a/(k_a − k_e)·(e^{−k_e t} − e^{−k_a t}),
 * y = f + sd(f)·z, sd(f) = √(σ_ε² f² + σ_ν²), z ~ N(0, I) drawn outside (pathwise design gradient),
 * θ = (k_a, k_e, V), log θ ~ N(μ₀, 0.05·I₃). Design: T sampling times t ∈ (0, 24) h via
 * t = 24·sigmoid(ξ).
 */
export class PharmacokineticSimulator implements Simulator {
  static readonly id = 'pharmacokinetic';
  readonly id = PharmacokineticSimulator.id;
  readonly thetaNames = ['k_a', 'k_e', 'V'] as const;
  readonly obsDim: number;
  readonly designSpace: DesignSpace;
  readonly options: PkOptions;
  /** One sampling time per measurement, per-row times (sequential PK, specs/adaptive.md §3.2). */
  readonly stepwise: PkStep;

  constructor(options: Readonly<Record<string, unknown>> = {}) {
    this.options = parsePkOptions(options);
    this.stepwise = new PkStep(this.options);
    this.obsDim = this.options.T;
    this.designSpace = new DesignSpace({ dim: this.options.T, lower: 0, upper: 24, transform: 'sigmoid', units: 'h', label: 't' });
  }

  /** `[n, 3]` prior draws of (k_a, k_e, V): exp of independent normals. */
  samplePrior(n: number, rng: Rng): tf.Tensor2D {
    const { priorLogMean, priorLogVar } = this.options;
    return tf.tidy(() => {
      const z = tf.randomNormal([n, 3], 0, Math.sqrt(priorLogVar), 'float32', rng.nextSeed());
      return tf.exp(tf.add(z, tf.tensor1d(priorLogMean))) as tf.Tensor2D;
    });
  }

  /** `{ z: [n, T] }` standard normals. */
  sampleNoise(n: number, rng: Rng): NoiseDraw {
    return { z: tf.randomNormal([n, this.obsDim], 0, 1, 'float32', rng.nextSeed()) };
  }

  /** `[n, T]` mean concentrations f(t; θ) for θ `[n, 3]` at times `[T]`; differentiable in both. */
  concentration(theta: tf.Tensor2D, times: tf.Tensor1D): tf.Tensor2D {
    this.checkShapes(theta, times);
    return tf.tidy(() => {
      const [ka, ke, v] = tf.split(theta, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      return pkCurve(ka, ke, v, tf.reshape(times, [1, -1]), this.options.dose) as tf.Tensor2D;
    });
  }

  /** `[n, T]` noise sd √(σ_ε² f² + σ_ν²). */
  private noiseSd(f: tf.Tensor2D): tf.Tensor2D {
    return pkNoiseSd(f, this.options) as tf.Tensor2D;
  }

  /** `[n, T]` y = f + sd(f)·z; differentiable w.r.t. `design` (the times `[T]`, in hours). */
  simulate(theta: tf.Tensor2D, design: tf.Tensor1D, noise: NoiseDraw): tf.Tensor2D {
    const z = noise['z'];
    if (!z || z.shape.length !== 2 || z.shape[0] !== theta.shape[0] || z.shape[1] !== this.obsDim) {
      throw new BedError(
        'shapeMismatch',
        `pharmacokinetic: noise.z must be [${theta.shape[0]}, ${this.obsDim}], got ${z ? `[${z.shape.join(', ')}]` : 'nothing'}`,
      );
    }
    return tf.tidy(() => {
      const f = this.concentration(theta, design);
      return tf.add(f, tf.mul(this.noiseSd(f), z)) as tf.Tensor2D;
    });
  }

  /** `[n, m]`: log p(y_i | θ_j, design) = Σ_t log N(y_it; f_jt, sd_jt²). Memory ∝ n·m·T. */
  logLikelihood(y: tf.Tensor2D, theta: tf.Tensor2D, design: tf.Tensor1D): tf.Tensor2D {
    if (y.shape.length !== 2 || y.shape[1] !== this.obsDim) {
      throw new BedError('shapeMismatch', `pharmacokinetic: y must be [n, ${this.obsDim}], got [${y.shape.join(', ')}]`);
    }
    return tf.tidy(() => {
      const f = this.concentration(theta, design); // [m, T]
      const sd = this.noiseSd(f);
      const r = tf.div(tf.sub(tf.expandDims(y, 1), tf.expandDims(f, 0)), tf.expandDims(sd, 0)); // [n, m, T]
      const quad = tf.mul(-0.5, tf.sum(tf.square(r), 2)); // [n, m]
      const norm = tf.add(tf.sum(tf.log(sd), 1), this.obsDim * HALF_LOG_2PI); // [m]
      return tf.sub(quad, tf.expandDims(norm, 0)) as tf.Tensor2D;
    });
  }

  private checkShapes(theta: tf.Tensor2D, times: tf.Tensor1D): void {
    if (theta.shape.length !== 2 || theta.shape[1] !== 3) {
      throw new BedError('shapeMismatch', `pharmacokinetic: theta must be [n, 3] (k_a, k_e, V), got [${theta.shape.join(', ')}]`);
    }
    if (times.shape.length !== 1 || times.shape[0] !== this.obsDim) {
      throw new BedError('shapeMismatch', `pharmacokinetic: design must be [${this.obsDim}] times, got [${times.shape.join(', ')}]`);
    }
  }
}
