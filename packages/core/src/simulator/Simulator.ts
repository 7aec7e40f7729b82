import type * as tf from '@tensorflow/tfjs';
import type { Rng } from '../rng/Rng.js';
import type { StepwiseModel } from '../adaptive/StepwiseModel.js';
import type { DesignSpace } from './DesignSpace.js';

/** Noise drawn outside the differentiated function (tensors with leading dim n), so the design gradient is pathwise. */
export type NoiseDraw = Readonly<Record<string, tf.Tensor>>;

/**
 * A simulator with a prior: `θ ~ p(θ)`, `y = simulate(θ, design, noise)`.
 * Implementations are pure in their tensors (no leaks); callers tidy and dispose.
 */
export interface Simulator {
  readonly id: string;
  /** p: parameter dimension; names for plots and posteriors. */
  readonly thetaNames: readonly string[];
  /** q: dimension of one observation vector y. */
  readonly obsDim: number;
  readonly designSpace: DesignSpace;
  /** `[n, p]` prior draws. */
  samplePrior(n: number, rng: Rng): tf.Tensor2D;
  /** The noise for n simulations (any named tensors with leading dimension n). */
  sampleNoise(n: number, rng: Rng): NoiseDraw;
  /**
   * `[n, q]` observations for θ `[n, p]` at `design` `[dim]`, differentiable w.r.t. `design`.
   * @throws BedError('shapeMismatch') naming the simulator when shapes disagree.
   */
  simulate(theta: tf.Tensor2D, design: tf.Tensor1D, noise: NoiseDraw): tf.Tensor2D;
  /**
   * `[n, m]`: `log p(y_i | θ_j, design)` for every observation i and parameter j, where the
   * likelihood is explicit (enables nested Monte Carlo evaluation).
   */
  logLikelihood?(y: tf.Tensor2D, theta: tf.Tensor2D, design: tf.Tensor1D): tf.Tensor2D;
  /**
   * How the design gradient reaches `design` (absent = `'pathwise'`).
   * - `'pathwise'`: through `simulate` (reparameterised, continuous observations).
   * - `'score-function'`: for discrete observations (counts), whose `simulate` has no honest design
   *   derivative: `simulate` is called at a constant design and the design gradient is the unbiased
   *   likelihood-ratio estimate through `logLikelihood` (required), using per-sample InfoNCE rewards
   *   of the critic's scores (docs/plugins.md, "Discrete observations").
   */
  readonly designGradient?: 'pathwise' | 'score-function';
  /** Closed-form expected information gain in nats, where one exists. */
  analyticEig?(design: readonly number[]): number;
  /**
   * Present when the observations are independent given θ and the design is T blocks of one
   * measurement each: the model of one measurement with per-row designs, so policies can run it
   * sequentially (`sequentialFromStatic`).
   */
  readonly stepwise?: StepwiseModel;
  /**
   * Stateful priors (a path bank re-simulated every k draws): a JSON-safe copy of the state that
   * decides future draws, saved in policy-training checkpoints so a resumed run draws as an
   * uninterrupted one would.
   */
  priorState?(): unknown;
  /** Restores what `priorState` returned. */
  restorePriorState?(state: unknown): void;
  /** Frees tensors the simulator keeps (pre-simulated path banks, constants). */
  dispose?(): void;
}

/** What a simulator plugin binds under `TOKENS.SimulatorFactory`. */
export interface SimulatorFactory {
  readonly id: string;
  readonly description: string;
  /** Builds a simulator; throws `BedError('invalidConfig', …)` naming the bad option. */
  create(options: Readonly<Record<string, unknown>>): Simulator;
}
