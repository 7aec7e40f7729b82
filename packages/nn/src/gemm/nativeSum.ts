import * as tf from '@tensorflow/tfjs';
import type { NativeGemm } from './loadNativeGemm.js';

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  getMemoryOffset(dataId: object): number;
  wasm: { HEAPU8: Uint8Array };
}

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap };

/**
 * `Sum` on the wasm backend over the leading axes `[0, p)` of a float32 tensor (e.g. a bias
 * gradient: `[n, out]` → `[out]`), as native column sums accumulated in float64; the wasm kernel
 * transposes first for any non-trailing axis. Returns `undefined` for every other case (the caller
 * runs the original kernel).
 */
export function nativeSum(args: KernelArgs, g: NativeGemm): tf.TensorInfo | undefined {
  const { x } = args.inputs as { x: tf.TensorInfo };
  const { axis, keepDims } = (args.attrs ?? {}) as { axis?: number | number[]; keepDims?: boolean };
  const r = x.shape.length;
  if (x.dtype !== 'float32' || r < 2 || axis === undefined) return undefined;
  const axes = [...new Set((Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + r : a)))].sort((a, b) => a - b);
  const p = axes.length;
  if (p === 0 || p >= r || axes.some((a, i) => a !== i)) return undefined;
  const rows = x.shape.slice(0, p).reduce((a, b) => a * b, 1);
  const tail = x.shape.slice(p);
  const cols = tail.reduce((a, b) => a * b, 1);
  if (rows * cols === 0) return undefined;
  const backend = args.backend as WasmBackendLike;
  const out = backend.makeOutput(keepDims ? [...axes.map(() => 1), ...tail] : tail, 'float32');
  g.colsum(backend.wasm.HEAPU8.buffer, backend.getMemoryOffset(x.dataId), backend.getMemoryOffset(out.dataId), rows, cols);
  return out;
}
