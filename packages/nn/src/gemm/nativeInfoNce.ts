import * as tf from '@tensorflow/tfjs';
import type { NativeGemm } from './loadNativeGemm.js';

/** Kernel names of the fused InfoNCE bound (wasm backend, native addon only). */
export const INFONCE = 'InfobedInfoNce';
export const INFONCE_GRAD = 'InfobedInfoNceGrad';

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  getMemoryOffset(dataId: object): number;
  wasm: { HEAPU8: Uint8Array };
}

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown };

/** `InfobedInfoNce`: `{scores [B, B]}` → scalar bound. */
export function infoNceKernel(args: KernelArgs, g: NativeGemm): tf.TensorInfo {
  const { scores } = args.inputs as { scores: tf.TensorInfo };
  const backend = args.backend as WasmBackendLike;
  const out = backend.makeOutput([], 'float32');
  g.infoNce(backend.wasm.HEAPU8.buffer, backend.getMemoryOffset(scores.dataId), backend.getMemoryOffset(out.dataId), scores.shape[0]!, 0, 0);
  return out;
}

/** `InfobedInfoNceGrad`: `{scores [B, B], dy []}` → `dy · (I − softmax(scores)) / B`. */
export function infoNceGradKernel(args: KernelArgs, g: NativeGemm): tf.TensorInfo {
  const { scores, dy } = args.inputs as { scores: tf.TensorInfo; dy: tf.TensorInfo };
  const backend = args.backend as WasmBackendLike;
  const out = backend.makeOutput(scores.shape, 'float32');
  const off = (t: tf.TensorInfo): number => backend.getMemoryOffset(t.dataId);
  g.infoNce(backend.wasm.HEAPU8.buffer, off(scores), off(out), scores.shape[0]!, 1, off(dy));
  return out;
}

/** Gradient of `InfobedInfoNce`; differentiable TF.js ops when higher-order gradients are recorded. */
export const infoNceGradConfig: tf.GradConfig = {
  kernelName: INFONCE,
  inputsToSave: ['scores'],
  gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
    const [s] = saved as [tf.Tensor2D];
    const g = dy as tf.Scalar;
    if (tf.engine().state.gradientDepth > 0) {
      const b = s.shape[0];
      return { scores: () => tf.mul(tf.div(g, b), tf.sub(tf.eye(b), tf.softmax(s))) };
    }
    return { scores: () => tf.engine().runKernel(INFONCE_GRAD, { scores: s, dy: g }) as tf.Tensor };
  },
};
