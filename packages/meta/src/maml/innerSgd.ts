import * as tf from '@tensorflow/tfjs';
import { stopGradient } from '@infobed/core';
import { taskMse } from './functionalMlp.js';

/**
 * `steps` SGD steps of size `alpha` on each task's support loss, all tasks at once:
 * `θ_t ← θ_t − α ∇_{θ_t} mean_i (f_{θ_t}(x_ti) − y_ti)²`. `params` are per-task (`tileParams`);
 * summing the task losses gives each task its own gradient. Differentiable in `params`: called
 * inside an outer gradient, the result carries second-order terms unless `firstOrder`, which
 * treats the inner gradient as a constant (FOMAML).
 */
export function innerSgd(
  params: readonly tf.Tensor[],
  x: tf.Tensor3D,
  y: tf.Tensor3D,
  alpha: number,
  steps: number,
  firstOrder: boolean,
): tf.Tensor[] {
  let theta = [...params];
  for (let s = 0; s < steps; s++) {
    const current = theta;
    const g = tf.grads((...p: tf.Tensor[]) => tf.sum(taskMse(p, x, y)))(current);
    theta = current.map((p, k) => tf.sub(p, tf.mul(alpha, firstOrder ? stopGradient(g[k]!) : g[k]!)));
  }
  return theta;
}
