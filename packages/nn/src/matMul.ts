import * as tf from '@tensorflow/tfjs';
import { ensureNativeOnWasm } from './gemm/useNativeGemm.js';

/**
 * `a` `[n, k]` · `b` `[k, m]` → `[n, m]`, with a backward pass that stays on the fast GEMM path:
 * `da = dy · bᵀ`, `db = aᵀ · dy`.
 *
 * Why: the built-in matMul gradient sets transpose flags, and the wasm backend's XNNPACK
 * BatchMatMul is only used without them, falling back to a slow scalar loop (style.md §4). Without
 * the native kernel the backward therefore uses explicitly transposed operands (4–6× faster
 * training on wasm). With the native AVX2 GEMM (`useNativeGemm`, installed here lazily on wasm)
 * transposes are free inside its packing, so the backward passes flags and skips the transpose
 * kernels. Same numerics either way (fp32 GEMM); supports double backward (MAML).
 */
export const matMul = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  ensureNativeOnWasm();
  const a = args[0] as tf.Tensor2D;
  const b = args[1] as tf.Tensor2D;
  const save = args[2] as tf.GradSaveFunc;
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const [sa, sb] = saved as [tf.Tensor2D, tf.Tensor2D];
      const g = dy as tf.Tensor2D;
      return ensureNativeOnWasm()
        ? [tf.matMul(g, sb, false, true), tf.matMul(sa, g, true, false)]
        : [tf.matMul(g, tf.transpose(sb)), tf.matMul(tf.transpose(sa), g)];
    },
  };
}) as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;
