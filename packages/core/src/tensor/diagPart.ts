import * as tf from '@tensorflow/tfjs';

/** `[B, B]` → `[B]` diagonal, as `sum(S ⊙ I, 1)`: no `gather` (which has no gradient on wasm). */
export function diagPart(s: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.sum(tf.mul(s, tf.eye(s.shape[0])), 1) as tf.Tensor1D);
}
