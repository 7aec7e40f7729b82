import type * as tf from '@tensorflow/tfjs';
import type { Rng } from '../rng/Rng.js';
import type { DesignSpace } from '../simulator/DesignSpace.js';
import type { NoiseDraw } from '../simulator/Simulator.js';
import type { DesignChain } from './DesignChain.js';

/**
 * One measurement of a model whose observations are independent given θ (noisy-linear, PK,
 * location finding): step t's observation depends on θ and that step's design only. Every row
 * has its own design, so a batch of rollouts can each be at a different design.
 * Shapes: θ `[n, p]`, design `[n, d]` (in the simulator's units, after the step design space's
 * transform), y `[n, q]`.
 */
export interface StepwiseModel {
  /** d: design coordinates of one measurement (location finding: 2; PK: 1 time). */
  readonly designDim: number;
  /** q: observation coordinates of one measurement. */
  readonly obsDim: number;
  /** Bounds and raw → design transform of ONE measurement (`dim` = `designDim`). */
  readonly designSpace: DesignSpace;
  /** True for implicit models (SIR): `logLikelihood` / `pairedLogLikelihood` throw; train and evaluate with a critic. */
  readonly implicit?: boolean;
  /** Present when step t's design depends on step t − 1's (increasing times): rollouts then map raw → design through it. */
  readonly designChain?: DesignChain;
  /** Noise for one measurement of n rollouts (tensors with leading dimension n). */
  sampleNoise(n: number, rng: Rng): NoiseDraw;
  /** `[n, q]` y for θ `[n, p]` at per-row designs `[n, d]`; reparameterised (differentiable in design). */
  simulate(theta: tf.Tensor2D, design: tf.Tensor2D, noise: NoiseDraw): tf.Tensor2D;
  /** `[n, m]`: log p(y_i | θ_j, design_i) for y `[n, q]`, θ `[m, p]`, design `[n, d]`. */
  logLikelihood(y: tf.Tensor2D, theta: tf.Tensor2D, design: tf.Tensor2D): tf.Tensor2D;
  /** `[n]`: log p(y_i | θ_i, design_i) for y `[n, q]`, θ `[n, p]`, design `[n, d]`. */
  pairedLogLikelihood(y: tf.Tensor2D, theta: tf.Tensor2D, design: tf.Tensor2D): tf.Tensor1D;
  /**
   * Optional float64 CPU path for evaluation with many inner samples: adds log p(y | θ_j, design)
   * to `out[j]` for each of the m = `out.length` parameter vectors in `thetas` (row-major `[m, p]`).
   * Must agree with `logLikelihood` (tested); evaluators use it when present (no tensor traffic).
   */
  accumulateLogLikelihood?(y: readonly number[], thetas: Float32Array, design: readonly number[], out: Float64Array): void;
}

/**
 * A T-step sequential experiment with an explicit likelihood: a prior and T measurements of one
 * `StepwiseModel`. p(h_T | θ) = Π_t p(y_t | θ, ξ_t). Built from a static simulator by
 * `sequentialFromStatic`.
 */
export interface SequentialSimulator {
  readonly id: string;
  readonly thetaNames: readonly string[];
  /** Number of measurements T. */
  readonly T: number;
  readonly step: StepwiseModel;
  /** `[n, p]` prior draws. */
  samplePrior(n: number, rng: Rng): tf.Tensor2D;
  /** A stateful prior's state (SIR's bank refresh), for checkpoints; see `Simulator.priorState`. */
  priorState?(): unknown;
  restorePriorState?(state: unknown): void;
  dispose?(): void;
}
