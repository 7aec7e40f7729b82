import type * as tf from '@tensorflow/tfjs';

/** Critic outputs for one minibatch of B pairs `(x_i, y_i)` drawn from the joint. */
export interface ScoreBatch {
  /** `[B, B]`: `scores[i][j] = critic(x_i, y_j)`, a log density-ratio estimate. Diagonal = joint pairs; row i = conditioning sample x_i. */
  readonly scores: tf.Tensor2D;
  /** `[B]`: auxiliary head, when the objective asks for one (`MiObjective.aux`): a log-baseline `u(x_i)` (TUBA, α-InfoNCE) or FLO's `u(x_i, y_i)` on the positive pair. */
  readonly aux?: tf.Tensor1D;
}
