import type * as tf from '@tensorflow/tfjs';

/**
 * A history-dependent raw → design map for experiments whose admissible design at step t depends
 * on the previous design (iDAD's SIR: increasing measurement times,
 * τ_t = τ_{t−1} + sigmoid(ξ_t)·(upper − τ_{t−1})). When a `StepwiseModel` has one, rollouts use it
 * instead of `designSpace.toDesign`, and `designSpace` only states the bounds and units.
 */
export interface DesignChain {
  /** `[n, d]` design of step t from raw `[n, d]` and the previous step's design `[n, d]` (`undefined` at t = 0); differentiable in both. */
  toDesign(raw: tf.Tensor2D, previous: tf.Tensor2D | undefined): tf.Tensor2D;
  /** Inverse for one rollout: raw `[d]` of `design` `[d]` after `previous` (`undefined` at t = 0). */
  toRaw(design: readonly number[], previous: readonly number[] | undefined): number[];
  /** Throws `BedError('invalidArgument')` naming `field` unless `design` may follow `previous`. */
  validate(design: readonly number[], previous: readonly number[] | undefined, field: string): void;
}
