import type * as tf from '@tensorflow/tfjs';
import type { DesignSpace } from '../simulator/DesignSpace.js';
import type { DesignChain } from './DesignChain.js';

/**
 * What a policy remembers of the history h_{t−1} = (ξ_1, y_1, …) for n rollouts at once: named
 * tensors with leading dimension n (DeepSets: the pooled encoding; recurrent: hidden states).
 */
export type PolicyState = Readonly<Record<string, tf.Tensor>>;

/**
 * An adaptive design policy π: history → next design, batched over rollouts. Designs are *raw*
 * (unconstrained); the step design space maps raw → design (`DesignSpace.toDesign`), and the
 * policy reads back the raw design with the observation. Pure in its tensors: call inside
 * `tf.tidy` / `tf.variableGrads`.
 */
export interface Policy {
  readonly id: string;
  /** Trainable variables (empty for fixed baselines such as random or equal-interval). */
  readonly variables: readonly tf.Variable[];
  /** State of n rollouts before any measurement. */
  initial(n: number): PolicyState;
  /** `[n, d]` raw design for measurement t (0-based) given the state after t measurements. */
  propose(state: PolicyState, t: number): tf.Tensor2D;
  /** State after measurement t: raw design `[n, d]`, observation `[n, q]`. */
  observe(state: PolicyState, raw: tf.Tensor2D, y: tf.Tensor2D, t: number): PolicyState;
  dispose(): void;
}

/** How to build a policy for one experiment. */
export interface PolicySpec {
  /** d: raw design coordinates per measurement. */
  readonly designDim: number;
  /** q: observation coordinates per measurement. */
  readonly obsDim: number;
  /** T: measurements per rollout. */
  readonly T: number;
  /** The design space of one measurement (baselines use its bounds and transform). */
  readonly designSpace: DesignSpace;
  /** The step model's history-dependent raw → design map, when it has one (fixed-design baselines invert it). */
  readonly designChain?: DesignChain;
  /** Policy options from the config (validated by the factory; `invalidConfig` naming `policy.options.<field>`). */
  readonly options: Readonly<Record<string, unknown>>;
  /** Seed for weights (and for the random baseline's draws). */
  readonly seed: number;
}

/** What a policy plugin binds under `TOKENS.PolicyFactory`. */
export interface PolicyFactory {
  readonly id: string;
  readonly description: string;
  /** False for baselines whose designs do not depend on the history (random, equal-interval, static). */
  readonly adaptive: boolean;
  create(spec: PolicySpec): Policy;
}
