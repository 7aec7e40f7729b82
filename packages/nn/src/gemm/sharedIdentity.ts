import type * as tf from '@tensorflow/tfjs';

interface WasmBackendLike {
  incRef(dataId: object): void;
}

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown };

/**
 * `Identity` on the wasm backend without a copy: the output shares the input's buffer (reference
 * counted, as the wasm `Reshape` and the cpu backend's `Identity` do). The engine clones every
 * tensor it saves for a gradient through this kernel, and the wasm kernel copies the whole buffer
 * each time (≈ 5 % of a `sep64` step, 4 MB per saved activation in `joint64`). Safe because no
 * wasm kernel writes into its inputs; `FusedAdam`'s in-place update checks the reference count.
 * Strings go to the original kernel (`undefined`).
 */
export function sharedIdentity(args: KernelArgs): tf.TensorInfo | undefined {
  const { x } = args.inputs as { x: tf.TensorInfo };
  if (x.dtype === 'string') return undefined;
  (args.backend as WasmBackendLike).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}
