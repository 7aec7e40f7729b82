import * as tf from '@tensorflow/tfjs';
import { assertShape, BedError, DesignSpace, parsePluginOptions, z, type NoiseDraw, type Rng, type Simulator } from '@infobed/core';
import { deathProcessEig, logBinomialCoefficients } from './deathProcessEig.js';

/** Options of `example-death` (config: `simulator: { id: example-death, options: { population: 50 } }`). */
export const DeathProcessOptions = z
  .object({
    /** N: individuals at risk at time 0. */
    population: z.number().int().min(1).max(10_000).default(50),
    /** Prior of θ = log b (b: death rate per unit time): N(logRateMean, logRateSd²). */
    logRateMean: z.number().default(0),
    logRateSd: z.number().positive().default(1),
    /** Design space: one measurement time t in [tMin, tMax]. */
    tMin: z.number().positive().default(0.01),
    tMax: z.number().positive().default(5),
    /** Width of the surrogate gradient, as a fraction of t (see `simulate`). */
    gradientWidth: z.number().positive().max(1).default(0.1),
    /**
     * How design ascent gets its gradient: `score-function` (unbiased, through `logLikelihood`) or
     * `straight-through` (the smoothed-count derivative of `simulate`: biased for a nonlinear critic).
     */
    designGradient: z.enum(['score-function', 'straight-through']).default('score-function'),
  })
  .strict();

/**
 * `example-death`: the death process (Cook, Gibson & Gilligan 2008; Kleinegesse & Gutmann 2020).
 * N individuals die independently at rate b; one count at time t: `deaths ~ Bin(N, 1 − e^{−b t})`.
 * θ = log b `[n, 1]` (p = 1); design t `[1]`; observation y = deaths / N `[n, 1]` (q = 1).
 *
 * The count is discrete: by default the simulator declares `designGradient: 'score-function'`, so
 * design ascent differentiates `logLikelihood` (unbiased) and never the count. With the option
 * `designGradient: straight-through`, `simulate`'s own gradient is used: the value is the exact
 * binomial count (lifetimes `E_i = −log(u_i)/b`, deaths = #{E_i < t}), the gradient that of the
 * smoothed count `Σ_i sigmoid((t − E_i)/(w t))` (w = `gradientWidth`), biased for a nonlinear critic
 * (`straightThroughBias.ts`).
 * `logLikelihood` is the exact binomial pmf, and `analyticEig` the EIG by quadrature
 * (`deathProcessEig`: an exact sum over y and an 801-point rule over log b; not a closed form,
 * but numerically exact to far below the Monte Carlo error of any estimator it is compared with).
 */
export class DeathProcessSimulator implements Simulator {
  static readonly id = 'example-death';
  readonly id = DeathProcessSimulator.id;
  readonly thetaNames = ['logRate'] as const;
  readonly obsDim = 1;
  readonly designSpace: DesignSpace;
  /** Counts are discrete: `score-function` unless the `designGradient` option asks for straight-through. */
  readonly designGradient: 'score-function' | 'pathwise';
  private readonly o: ReturnType<typeof DeathProcessOptions.parse>;
  private readonly logChoose: number[];

  constructor(options: Readonly<Record<string, unknown>> = {}) {
    this.o = parsePluginOptions(DeathProcessOptions, options, 'simulator', DeathProcessSimulator.id);
    if (!(this.o.tMin < this.o.tMax)) {
      throw new BedError('invalidConfig', `simulator.options.tMin: must be below tMax (got ${this.o.tMin} ≥ ${this.o.tMax}) (simulator "${this.id}")`);
    }
    this.designSpace = new DesignSpace({ dim: 1, lower: this.o.tMin, upper: this.o.tMax, transform: 'box', units: 'time', label: 't' });
    this.logChoose = logBinomialCoefficients(this.o.population);
    this.designGradient = this.o.designGradient === 'score-function' ? 'score-function' : 'pathwise';
  }

  /** `[n, 1]` draws of log b. */
  samplePrior(n: number, rng: Rng): tf.Tensor2D {
    return tf.randomNormal([n, 1], this.o.logRateMean, this.o.logRateSd, 'float32', rng.nextSeed());
  }

  /** `{ u: [n, N] }` uniforms in (0, 1): one per individual, turned into lifetimes in `simulate`. */
  sampleNoise(n: number, rng: Rng): NoiseDraw {
    return { u: tf.tidy(() => tf.clipByValue(tf.randomUniform([n, this.o.population], 0, 1, 'float32', rng.nextSeed()), 1e-7, 1)) };
  }

  /** θ `[n, 1]`, t `[1]` → fraction dead `[n, 1]`; straight-through gradient in t (class comment). */
  simulate(theta: tf.Tensor2D, design: tf.Tensor1D, noise: NoiseDraw): tf.Tensor2D {
    assertShape(this.id, 'theta', theta, [-1, 1]);
    assertShape(this.id, 'design', design, [1]);
    const u = noise.u as tf.Tensor2D;
    assertShape(this.id, 'noise.u', u, [theta.shape[0], this.o.population]);
    const width = this.o.gradientWidth;
    const count = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [t, lifetimes, save] = args as [tf.Tensor1D, tf.Tensor2D, tf.GradSaveFunc];
      save([t, lifetimes]); // kept by the engine for the backward pass
      const value = tf.mean(tf.cast(tf.less(lifetimes, t), 'float32'), 1, true);
      const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
        const [ts, e] = saved as [tf.Tensor1D, tf.Tensor2D];
        const tau = tf.mul(ts, width);
        const s = tf.sigmoid(tf.div(tf.sub(ts, e), tau)); // [n, N]
        // d/dt of mean_i sigmoid((t − E_i)/(w t)) = mean_i s(1 − s) · E_i / (w t²)
        const ds = tf.mean(tf.div(tf.mul(tf.mul(s, tf.sub(1, s)), e), tf.mul(tau, ts)), 1, true); // [n, 1]
        return [tf.reshape(tf.sum(tf.mul(dy, ds)), [1]), tf.zerosLike(e)];
      };
      return { value, gradFunc };
    });
    return tf.tidy(() => {
      const lifetimes = tf.div(tf.neg(tf.log(u)), tf.exp(theta)) as tf.Tensor2D; // [n, N]
      return count(design, lifetimes) as tf.Tensor2D;
    });
  }

  /** y `[n, 1]` (fractions dead), θ `[m, 1]` → `[n, m]`: log Bin(round(N y); N, 1 − e^{−e^θ t}). */
  logLikelihood(y: tf.Tensor2D, theta: tf.Tensor2D, design: tf.Tensor1D): tf.Tensor2D {
    const n = this.o.population;
    return tf.tidy(() => {
      const k = tf.clipByValue(tf.round(tf.mul(y, n)), 0, n); // [n, 1]
      const bt = tf.mul(tf.exp(tf.transpose(theta)), design); // [1, m]
      const logP = tf.log(tf.clipByValue(tf.sub(1, tf.exp(tf.neg(bt))), 1e-30, 1)); // log(1 − e^{−bt})
      const logC = tf.gather(tf.tensor1d(this.logChoose), tf.cast(tf.reshape(k, [-1]), 'int32')).reshape([-1, 1]);
      return tf.add(logC, tf.sub(tf.mul(k, logP), tf.mul(tf.sub(n, k), bt))) as tf.Tensor2D;
    });
  }

  /** EIG in nats at `[t]`, by quadrature (see `deathProcessEig`). */
  analyticEig(design: readonly number[]): number {
    return deathProcessEig(this.o, design[0]!);
  }
}
