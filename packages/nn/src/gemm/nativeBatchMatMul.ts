import * as tf from '@tensorflow/tfjs';
import type { NativeGemm } from './loadNativeGemm.js';

/** The parts of the wasm backend (`BackendWasm`) the kernel uses. */
interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  getMemoryOffset(dataId: object): number;
  wasm: { HEAPU8: Uint8Array };
}

/** `_FusedMatMul` extras: a bias `[n]` added to every row, then an optional ReLU. */
export interface Epilogue {
  readonly bias?: tf.TensorInfo;
  readonly relu: boolean;
}

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap };

const size = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

/**
 * `BatchMatMul` on the wasm backend through the native GEMM, reading and writing the wasm heap
 * in place: `a` `[…, m, k]` (or `[…, k, m]` with `transposeA`) · `b` `[…, k, n]` (or `[…, n, k]`)
 * → `[…, m, n]`. Returns `undefined` for cases it does not handle (non-float32, mismatched inner
 * dimensions, batch broadcasting other than 1-vs-B); the caller then runs the original kernel.
 */
export function nativeBatchMatMul(args: KernelArgs, g: NativeGemm, threads: number, epilogue?: Epilogue): tf.TensorInfo | undefined {
  const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
  const { transposeA, transposeB } = (args.attrs ?? {}) as { transposeA?: boolean; transposeB?: boolean };
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length < 2 || b.shape.length < 2) return undefined;
  const ar = a.shape.length;
  const br = b.shape.length;
  const m = transposeA ? a.shape[ar - 1]! : a.shape[ar - 2]!;
  const k = transposeA ? a.shape[ar - 2]! : a.shape[ar - 1]!;
  const kb = transposeB ? b.shape[br - 1]! : b.shape[br - 2]!;
  const n = transposeB ? b.shape[br - 2]! : b.shape[br - 1]!;
  const batchA = size(a.shape.slice(0, -2));
  const batchB = size(b.shape.slice(0, -2));
  if (k !== kb || (batchA !== batchB && batchA !== 1 && batchB !== 1)) return undefined;
  const bias = epilogue?.bias;
  if (bias !== undefined && (bias.dtype !== 'float32' || size(bias.shape) !== n || bias.shape.slice(0, -1).some((d) => d !== 1))) return undefined;
  let outer: number[];
  try {
    outer = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  } catch {
    return undefined;
  }
  const backend = args.backend as WasmBackendLike;
  const out = backend.makeOutput([...outer, m, n], 'float32');
  const batch = Math.max(batchA, batchB);
  if (batch * m * n === 0) return out;
  const heap = backend.wasm.HEAPU8.buffer; // after makeOutput: a heap growth replaces the buffer
  g.gemm(
    heap,
    backend.getMemoryOffset(a.dataId),
    backend.getMemoryOffset(b.dataId),
    backend.getMemoryOffset(out.dataId),
    batch,
    m,
    n,
    k,
    transposeA ? 1 : 0,
    transposeB ? 1 : 0,
    batchA > 1 ? 1 : 0,
    batchB > 1 ? 1 : 0,
    threads,
    bias === undefined ? -1 : backend.getMemoryOffset(bias.dataId),
    epilogue?.relu === true ? 1 : 0,
  );
  return out;
}
