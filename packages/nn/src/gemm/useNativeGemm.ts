import * as tf from '@tensorflow/tfjs';
import { loadNativeGemm, nativeGemmStatus } from './loadNativeGemm.js';
import { nativeBatchMatMul } from './nativeBatchMatMul.js';
import { nativeSum } from './nativeSum.js';

let installed = false;
let threads = 1;

/**
 * Replaces the wasm backend's `BatchMatMul` kernel with the native AVX2 GEMM (packages/nn/native)
 * when it was built, and its `Sum` over leading axes (bias gradients) with native column sums; any
 * case they do not handle goes to the original wasm kernel. Idempotent.
 * Threads: `INFOBED_GEMM_THREADS` (default 1, the setting the PyTorch reference uses).
 * `@infobed/nn`'s `matMul` calls this lazily on wasm; call it yourself to cover plain `tf.matMul`.
 * @returns whether the native kernel is active.
 */
export function useNativeGemm(): boolean {
  if (installed) return true;
  const g = loadNativeGemm();
  const orig = g === undefined ? undefined : tf.getKernel('BatchMatMul', 'wasm');
  const origSum = g === undefined ? undefined : tf.getKernel('Sum', 'wasm');
  if (g === undefined || orig === undefined || origSum === undefined) return false;
  const t = Number(process.env.INFOBED_GEMM_THREADS ?? '1');
  threads = Number.isInteger(t) && t > 0 ? t : 1;
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({
    ...orig,
    kernelFunc: (args) => nativeBatchMatMul(args, g, threads) ?? (orig.kernelFunc(args) as tf.TensorInfo),
  });
  tf.unregisterKernel('Sum', 'wasm');
  tf.registerKernel({
    ...origSum,
    kernelFunc: (args) => nativeSum(args, g) ?? (origSum.kernelFunc(args) as tf.TensorInfo),
  });
  installed = true;
  return true;
}

/** True once `useNativeGemm()` has installed the native kernel. */
export const nativeGemmActive = (): boolean => installed;

/** Which GEMM serves `BatchMatMul` on wasm: `native-avx2xT` or `tfjs (<reason>)`. */
export const gemmInfo = (): string => (installed ? `native-avx2x${threads}` : `tfjs (${nativeGemmStatus()})`);
