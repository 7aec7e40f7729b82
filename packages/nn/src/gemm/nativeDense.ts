import * as tf from '@tensorflow/tfjs';
import type { NativeGemm } from './loadNativeGemm.js';
import { nativeBatchMatMul } from './nativeBatchMatMul.js';

/** Kernel names of the fused dense layer (wasm backend, native addon only). */
export const DENSE = 'InfobedDense';
export const DENSE_GRAD = 'InfobedDenseGrad';

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  getMemoryOffset(dataId: object): number;
  wasm: { HEAPU8: Uint8Array };
}

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap };

/** `InfobedDense`: `{x [n, in], w [in, out], b [out]}`, attr `relu` → `act(x·W + b)` `[n, out]`. */
export function denseKernel(args: KernelArgs, g: NativeGemm, threads: number): tf.TensorInfo {
  const { x, w, b } = args.inputs as { x: tf.TensorInfo; w: tf.TensorInfo; b: tf.TensorInfo };
  const { relu } = args.attrs as { relu: boolean };
  const out = nativeBatchMatMul({ inputs: { a: x, b: w }, backend: args.backend, attrs: {} }, g, threads, { bias: b, relu });
  if (out === undefined) throw new Error(`${DENSE}: unsupported operands x ${x.dtype}[${x.shape}], w ${w.dtype}[${w.shape}], b ${b.dtype}[${b.shape}]`);
  return out;
}

/**
 * `InfobedDenseGrad`: one gradient of `InfobedDense`. Inputs `dy [n, out]`, `y [n, out]` (the
 * forward output; its sign is the ReLU mask), `other` (`w` for `which` 0, `x` for 1, unused for 2);
 * attrs `which` (0 dx, 1 dW, 2 db), `relu`, `inDim`.
 */
export function denseGradKernel(args: KernelArgs, g: NativeGemm, threads: number): tf.TensorInfo {
  const { dy, y, other } = args.inputs as { dy: tf.TensorInfo; y: tf.TensorInfo; other: tf.TensorInfo };
  const { which, relu, inDim } = args.attrs as { which: 0 | 1 | 2; relu: boolean; inDim: number };
  const [n, outDim] = dy.shape as [number, number];
  const backend = args.backend as WasmBackendLike;
  const out = backend.makeOutput(which === 0 ? [n, inDim] : which === 1 ? [inDim, outDim] : [outDim], 'float32');
  const off = (t: tf.TensorInfo): number => backend.getMemoryOffset(t.dataId);
  g.denseGrad(backend.wasm.HEAPU8.buffer, off(dy), relu ? off(y) : -1, off(other), off(out), which, n, inDim, outDim, threads);
  return out;
}

/**
 * The gradient of `InfobedDense`. Each input's gradient is one native call (the engine asks only
 * for the inputs on the path to the differentiated variables, so a data input's `dx` is skipped).
 * When the backward pass is itself being recorded (higher-order gradients, e.g. second-order MAML:
 * `gradientDepth > 0`) it uses differentiable TF.js ops instead, with the same values.
 */
export const denseGradConfig: tf.GradConfig = {
  kernelName: DENSE,
  inputsToSave: ['x', 'w'],
  outputsToSave: [true],
  gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs?: tf.NamedAttrMap) => {
    const [x, w, y] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    const g = dy as tf.Tensor2D;
    const relu = (attrs as { relu: boolean }).relu;
    if (tf.engine().state.gradientDepth > 0) {
      const dz = (): tf.Tensor2D => (relu ? tf.mul(g, tf.step(y)) : g);
      return { x: () => tf.matMul(dz(), w, false, true), w: () => tf.matMul(x, dz(), true, false), b: () => tf.sum(dz(), 0) };
    }
    const run = (which: 0 | 1 | 2, other: tf.Tensor): tf.Tensor =>
      tf.engine().runKernel(DENSE_GRAD, { dy: g, y, other }, { which, relu, inDim: x.shape[1] }) as tf.Tensor;
    return { x: () => run(0, w), w: () => run(1, x), b: () => run(2, g) };
  },
};
