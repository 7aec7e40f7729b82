import * as tf from '@tensorflow/tfjs';

/**
 * `a` `[n, k]` · `b` `[k, m]` → `[n, m]`, with the backward pass written as plain matmuls of
 * explicitly transposed operands: `da = dy · bᵀ`, `db = aᵀ · dy`.
 *
 * Why: the built-in matMul gradient sets transpose flags, and the wasm backend's BatchMatMul only
 * uses XNNPACK without them, falling back to a slow scalar loop (style.md §4): this form trains
 * dense layers 4–6× faster on wasm, with the same numerics. Supports double backward (MAML).
 */
export const matMul = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const a = args[0] as tf.Tensor2D;
  const b = args[1] as tf.Tensor2D;
  const save = args[2] as tf.GradSaveFunc;
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const [sa, sb] = saved as [tf.Tensor2D, tf.Tensor2D];
      const g = dy as tf.Tensor2D;
      return [tf.matMul(g, tf.transpose(sb)), tf.matMul(tf.transpose(sa), g)];
    },
  };
}) as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;
