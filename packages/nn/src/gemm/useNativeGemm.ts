import * as os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { loadNativeGemm, nativeGemmStatus } from './loadNativeGemm.js';
import { nativeBatchMatMul } from './nativeBatchMatMul.js';
import { DENSE, DENSE_GRAD, denseGradConfig, denseGradKernel, denseKernel } from './nativeDense.js';
import { nativeEqual } from './nativeEqual.js';
import { INFONCE, INFONCE_GRAD, infoNceGradConfig, infoNceGradKernel, infoNceKernel } from './nativeInfoNce.js';
import { nativeSum } from './nativeSum.js';
import { sharedIdentity } from './sharedIdentity.js';

let installed = false;
let threads = 1;

/**
 * GEMM threads: `INFOBED_GEMM_THREADS` (the CLI's `--threads` sets it; sweep workers sharing a
 * machine get cores ÷ workers), else every available core — and 1 under vitest, whose workers
 * already use the cores. (The former default, `round(cores − load₁)`, read the load a previous run
 * had left behind and threw a core away: issue 14.) On a busy machine the pool (native/pool.h)
 * drops to one thread by itself while helpers keep being descheduled.
 */
export function defaultThreads(env: NodeJS.ProcessEnv = process.env, cores = os.availableParallelism()): number {
  const t = Number(env.INFOBED_GEMM_THREADS);
  if (env.INFOBED_GEMM_THREADS !== undefined && Number.isInteger(t) && t > 0) return t;
  if (env.VITEST !== undefined) return 1;
  return Math.max(1, cores);
}

/**
 * Replaces the wasm backend's `BatchMatMul` kernel with the native GEMM (AVX-512 or AVX2, chosen at run time) (packages/nn/native)
 * when it was built (also `_FusedMatMul` with bias and linear/ReLU), its `Sum` over leading axes (bias gradients) with native column sums, and rank-2 broadcasting
 * float32 `Equal` (logSumExp's Max gradient) natively; any
 * case they do not handle goes to the original wasm kernel. Idempotent.
 * Threads: `INFOBED_GEMM_THREADS`, else `defaultThreads()`.
 * `@infobed/nn`'s `matMul` calls this lazily on wasm; call it yourself to cover plain `tf.matMul`.
 * @returns whether the native kernel is active.
 */
export function useNativeGemm(): boolean {
  if (installed) return true;
  const g = loadNativeGemm();
  const orig = g === undefined ? undefined : tf.getKernel('BatchMatMul', 'wasm');
  const origSum = g === undefined ? undefined : tf.getKernel('Sum', 'wasm');
  if (g === undefined || orig === undefined || origSum === undefined) return false;
  threads = defaultThreads();
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({
    ...orig,
    kernelFunc: (args) => nativeBatchMatMul(args, g, threads) ?? (orig.kernelFunc(args) as tf.TensorInfo),
  });
  const origFused = tf.getKernel('_FusedMatMul', 'wasm');
  if (origFused !== undefined) {
    tf.unregisterKernel('_FusedMatMul', 'wasm');
    tf.registerKernel({
      ...origFused,
      kernelFunc: (args) => {
        const { activation } = (args.attrs ?? {}) as { activation?: string };
        const { bias, preluActivationWeights } = args.inputs as { bias?: tf.TensorInfo; preluActivationWeights?: tf.TensorInfo };
        const plain = preluActivationWeights === undefined && (activation === 'linear' || activation === 'relu' || activation === undefined);
        const out = plain ? nativeBatchMatMul(args, g, threads, { bias, relu: activation === 'relu' }) : undefined;
        return out ?? (origFused.kernelFunc(args) as tf.TensorInfo);
      },
    });
  }
  const origEqual = tf.getKernel('Equal', 'wasm');
  if (origEqual !== undefined) {
    tf.unregisterKernel('Equal', 'wasm');
    tf.registerKernel({ ...origEqual, kernelFunc: (args) => nativeEqual(args, g) ?? (origEqual.kernelFunc(args) as tf.TensorInfo) });
  }
  const origIdentity = tf.getKernel('Identity', 'wasm');
  if (origIdentity !== undefined) {
    tf.unregisterKernel('Identity', 'wasm');
    tf.registerKernel({ ...origIdentity, kernelFunc: (args) => sharedIdentity(args) ?? (origIdentity.kernelFunc(args) as tf.TensorInfo) });
  }
  if (tf.getKernel(DENSE, 'wasm') === undefined) {
    tf.registerKernel({ kernelName: DENSE, backendName: 'wasm', kernelFunc: (args) => denseKernel(args, g, threads) });
    tf.registerKernel({ kernelName: DENSE_GRAD, backendName: 'wasm', kernelFunc: (args) => denseGradKernel(args, g, threads) });
    tf.registerGradient(denseGradConfig);
    tf.registerKernel({ kernelName: INFONCE, backendName: 'wasm', kernelFunc: (args) => infoNceKernel(args, g) });
    tf.registerKernel({ kernelName: INFONCE_GRAD, backendName: 'wasm', kernelFunc: (args) => infoNceGradKernel(args, g) });
    tf.registerGradient(infoNceGradConfig);
  }
  tf.unregisterKernel('Sum', 'wasm');
  tf.registerKernel({
    ...origSum,
    kernelFunc: (args) => nativeSum(args, g) ?? (origSum.kernelFunc(args) as tf.TensorInfo),
  });
  installed = true;
  return true;
}

let tried = false;

/** On wasm, installs the native kernels once (no-op elsewhere or when the addon was not built). */
export function ensureNativeOnWasm(): boolean {
  if (!tried && tf.getBackend() === 'wasm') {
    tried = true;
    useNativeGemm();
  }
  return installed && tf.getBackend() === 'wasm';
}

/** True once `useNativeGemm()` has installed the native kernel. */
export const nativeGemmActive = (): boolean => installed;

/** Which GEMM serves `BatchMatMul` on wasm: `native-<isa>x<threads>` (isa `avx512` or `avx2`) or `tfjs (<reason>)`. */
export const gemmInfo = (): string => (installed ? `native-${loadNativeGemm()!.isa()}x${threads}` : `tfjs (${nativeGemmStatus()})`);
