import type * as tf from '@tensorflow/tfjs';
import type { AuxKind } from '../objective/MiObjective.js';
import type { ScoreBatch } from '../objective/ScoreBatch.js';

/**
 * A trainable critic `T(x, y)`: maps B paired samples to the `[B, B]` score matrix
 * (rows = x, the conditioning variable; in design problems x = θ, y = the data).
 * Owns its variables; `dispose` frees them.
 */
export interface Critic {
  readonly id: string;
  /**
   * @param x `[B, xDim]`
   * @param y `[B, yDim]`
   * @returns `scores` `[B, B]` and, when the critic was built with an aux head, `aux` `[B]`.
   * Call inside `tf.tidy` / `tf.variableGrads`: the outputs are not kept.
   */
  scores(x: tf.Tensor2D, y: tf.Tensor2D): ScoreBatch;
  /**
   * Scores of n pairs only, without the `[B, B]` matrix: `[n]` = `T(x_k, y_k)`.
   * Used for posteriors (one y against many θ). x and y must have the same number of rows.
   */
  pairScores(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor1D;
  /** Every trainable variable (for the optimiser). */
  readonly variables: readonly tf.Variable[];
  dispose(): void;
}

/** How to build a critic for one problem. */
export interface CriticSpec {
  readonly xDim: number;
  readonly yDim: number;
  /** Add this auxiliary head (the objective's `aux`). */
  readonly aux?: AuxKind;
  /** Critic options from config (validated by the factory). */
  readonly options: Readonly<Record<string, unknown>>;
  /** Seed for weight initialisation. */
  readonly seed: number;
}

/** What a critic plugin binds under `TOKENS.CriticFactory`. */
export interface CriticFactory {
  readonly id: string;
  readonly description: string;
  /** True when every score and aux value is bounded by construction (e.g. unit-sphere embeddings × β ≤ βmax). */
  readonly boundedScores?: boolean;
  create(spec: CriticSpec): Critic;
}

/**
 * A warning line when an objective that needs bounded scores (its factory sets
 * `needsBoundedScores`) is paired with a critic that does not declare `boundedScores` and is not
 * the objective's own `defaultCritic`; else `undefined`. Hosts (design, estimate) print it before training.
 */
export function criticPairingWarning(objective: { id: string; needsBoundedScores?: string; defaultCritic?: { id: string } }, critic: CriticFactory): string | undefined {
  if (objective.needsBoundedScores === undefined || critic.boundedScores === true || objective.defaultCritic?.id === critic.id) return undefined;
  return `warning: ${objective.id} with the "${critic.id}" critic: ${objective.needsBoundedScores}; a bounded critic (e.g. "bilinear") avoids this`;
}
