import * as tf from '@tensorflow/tfjs';
import { BedError, infoNceBound as composedBound } from '@infobed/core';
import { ensureNativeOnWasm } from './gemm/useNativeGemm.js';
import { INFONCE } from './gemm/nativeInfoNce.js';

/**
 * InfoNCE lower bound of a square score matrix, in nats, as one kernel:
 * `mean_i [S_ii − LSE_j S_ij] + log B`, with the gradient `(δ_ij − softmax_j S_i·) / B`.
 * `[B, B]` → scalar. Same value as `@infobed/core`'s `infoNceBound` (to float32 rounding; sums
 * accumulate in float64 here); on the wasm backend with the native addon it replaces ~40 kernel
 * calls per training step (forward and backward) by two, elsewhere it is core's composition.
 */
export function infoNceBound(scores: tf.Tensor2D): tf.Scalar {
  const [b, c] = scores.shape;
  if (b !== c || b === 0) throw new BedError('invalidArgument', `infoNceBound: expected a non-empty square [B, B] score matrix, got [${scores.shape}]`);
  if (scores.dtype === 'float32' && ensureNativeOnWasm()) return tf.engine().runKernel(INFONCE, { scores }) as tf.Scalar;
  return composedBound(scores);
}
