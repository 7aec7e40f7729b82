import * as tf from '@tensorflow/tfjs';

/** `[B, B]` additive mask: −∞ on the diagonal, 0 elsewhere (masks must be constants: specs/estimators.md §4). */
export function diagNegInfMask(b: number): tf.Tensor2D {
  return additiveMask(b, (i, j) => i !== j);
}

/** `[B, B]` additive mask with −∞ at the entries where `keep(i, j)` is false. */
export function additiveMask(b: number, keep: (i: number, j: number) => boolean): tf.Tensor2D {
  const v = new Float32Array(b * b);
  for (let i = 0; i < b; i++) for (let j = 0; j < b; j++) v[i * b + j] = keep(i, j) ? 0 : -Infinity;
  return tf.tensor2d(v, [b, b]);
}

/** `[B, B]` 1 off the diagonal, 0 on it. */
export function offDiagOnes(b: number): tf.Tensor2D {
  return tf.tidy(() => tf.sub(tf.onesLike(tf.eye(b)), tf.eye(b)) as tf.Tensor2D);
}
