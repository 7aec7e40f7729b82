import * as tf from '@tensorflow/tfjs';
import type { NativeGemm } from './loadNativeGemm.js';

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  getMemoryOffset(dataId: object): number;
  wasm: { HEAPU8: Uint8Array };
}

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown };

/** Row and column element strides of a rank-2 operand broadcast to `[rows, cols]` (0 = broadcast). */
const strides = (s: readonly number[], rows: number, cols: number): [number, number] | undefined =>
  (s[0] === rows || s[0] === 1) && (s[1] === cols || s[1] === 1) ? [s[0] === 1 ? 0 : s[1]!, s[1] === 1 ? 0 : 1] : undefined;

/**
 * `Equal` on the wasm backend for two float32 rank-2 operands with broadcasting (e.g. `[B, 1]`
 * against `[B, B]`, as in logSumExp's Max gradient), natively; the wasm kernel's broadcast path
 * took a quarter of a `sep256` step. Returns `undefined` for other cases.
 */
export function nativeEqual(args: KernelArgs, g: NativeGemm): tf.TensorInfo | undefined {
  const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length !== 2 || b.shape.length !== 2) return undefined;
  const rows = Math.max(a.shape[0]!, b.shape[0]!);
  const cols = Math.max(a.shape[1]!, b.shape[1]!);
  const sa = strides(a.shape, rows, cols);
  const sb = strides(b.shape, rows, cols);
  if (sa === undefined || sb === undefined || rows * cols === 0) return undefined;
  const backend = args.backend as WasmBackendLike;
  const out = backend.makeOutput([rows, cols], 'bool');
  g.equal2d(backend.wasm.HEAPU8.buffer, backend.getMemoryOffset(a.dataId), backend.getMemoryOffset(b.dataId), backend.getMemoryOffset(out.dataId), rows, cols, ...sa, ...sb);
  return out;
}
