import type * as tf from '@tensorflow/tfjs';
import type { ScoreBatch } from './ScoreBatch.js';

/**
 * What an objective's reported `mi` is (Ryu et al. 2025, Table 1; specs/estimators.md §1):
 * 1 = the bound it trains, 2 = a different bound, 3 = plug-in `mean_i S_ii` of a density-ratio critic.
 */
export type ObjectiveType = 1 | 2 | 3;

/** Which auxiliary head an objective needs from the critic. */
export type AuxKind = 'rowBaseline' | 'positivePair';

export interface ObjectiveOutput {
  /** Scalar the trainer minimises. */
  readonly loss: tf.Scalar;
  /** Reported MI in nats: the bound (types 1–2) or the plug-in `mean_i S_ii` (type 3). */
  readonly mi: tf.Scalar;
  /**
   * A valid lower bound in nats on the same batch, when the objective has one of its own. When
   * absent, trainers report the InfoNCE bound of the same scores (`infoNceBound`) beside `mi`.
   */
  readonly bound?: tf.Scalar;
}

/**
 * A mutual-information objective: a function of one score matrix (plus an optional aux head).
 * Pure unless documented (MINE keeps a moving average); leaks no tensors; the caller disposes
 * the output. Validates its input and throws `BedError('shapeMismatch', …)` naming its id.
 */
export interface MiObjective {
  /** Stable kebab-case id used in configs and CLI output, e.g. `infonce-anchor`. */
  readonly id: string;
  readonly type: ObjectiveType;
  /** The auxiliary head it needs, if any. */
  readonly aux?: AuxKind;
  evaluate(batch: ScoreBatch): ObjectiveOutput;
  /** Stateful objectives (MINE's moving average): a JSON-safe copy of the state, for checkpoints. */
  saveState?(): unknown;
  /** Restores what `saveState` returned (resumed runs). */
  restoreState?(state: unknown): void;
}
