import * as tf from '@tensorflow/tfjs';
import { diagPart } from './diagPart.js';

/**
 * InfoNCE lower bound of a score matrix, in nats:
 * `mean_i [S_ii − LSE_j S_ij] + log B` (≤ log B). A valid bound for any critic, so trainers
 * report it beside a plug-in estimate. `[B, B]` → scalar.
 */
export function infoNceBound(scores: tf.Tensor2D): tf.Scalar {
  const b = scores.shape[0];
  return tf.tidy(() => tf.add(tf.mean(tf.sub(diagPart(scores), tf.logSumExp(scores, 1))), Math.log(b)) as tf.Scalar);
}
