import * as tf from '@tensorflow/tfjs';
import { DENSE } from './gemm/nativeDense.js';

/**
 * `act(x·W + b)` for `act` ∈ {relu, linear} as ONE kernel (`InfobedDense`): forward is the native
 * GEMM with bias and ReLU in its epilogue; the backward pass is one native call per needed
 * gradient with the ReLU mask `dz = dy ⊙ step(y)` fused into the packing — `dx = dz·Wᵀ`,
 * `dW = xᵀ·dz`, `db = Σ_rows dz` — and `dx` is skipped when `x` needs no gradient (a data batch).
 * `x` `[n, in]`, `w` `[in, out]`, `b` `[out]` → `[n, out]`.
 *
 * Only for the wasm backend with the native addon installed (`useNativeGemm`); `Dense` uses the
 * unfused ops elsewhere. Saved for the gradient: `x`, `w`, `y` (shared buffers, no copies). When
 * gradients of the gradient are recorded (second-order MAML), the backward pass runs as
 * differentiable TF.js ops with the same values.
 */
export function denseAct(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, relu: boolean): tf.Tensor2D {
  return tf.engine().runKernel(DENSE, { x, w, b }, { relu }) as tf.Tensor2D;
}
