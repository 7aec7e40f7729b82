import { createRequire } from 'node:module';

/** The N-API addon built from `native/gemm.cc` by `native/build.mjs` during `pnpm install`. */
export interface NativeGemm {
  /**
   * `C[i] = op(A[i]) · op(B[i])` for `i < batch`, operands addressed by byte offsets into `heap`
   * (the wasm memory): `op(A)` `[m, k]`, `op(B)` `[k, n]`, `C` `[m, n]` row-major. Optional
   * epilogue: `biasOff` ≥ 0 adds the `[n]` bias to every row, `activation` 1 applies ReLU.
   */
  gemm(
    heap: ArrayBufferLike,
    aOff: number,
    bOff: number,
    cOff: number,
    batch: number,
    m: number,
    n: number,
    k: number,
    transA: number,
    transB: number,
    aBatched: number,
    bBatched: number,
    threads: number,
    biasOff?: number,
    activation?: number,
  ): void;
  /**
   * One Adam update in place (`FusedAdam`): `var`, `m`, `v` are updated, `g` is read; all scalars
   * are already fp32-rounded (`beta1, 1−beta1, beta2, 1−beta2, 1−β₁ᵗ, 1−β₂ᵗ, ε, −lr`).
   */
  adam(
    heap: ArrayBufferLike,
    varOff: number,
    mOff: number,
    vOff: number,
    gOff: number,
    n: number,
    beta1: number,
    oneMinusBeta1: number,
    beta2: number,
    oneMinusBeta2: number,
    oneMinusAccBeta1: number,
    oneMinusAccBeta2: number,
    epsilon: number,
    negLr: number,
    threads?: number,
  ): void;
  /** `out[j] = Σ_i x[i·cols + j]` for a row-major `[rows, cols]` block, accumulated in float64. */
  colsum(heap: ArrayBufferLike, xOff: number, outOff: number, rows: number, cols: number): void;
  /** `out[i, j] = a[i·ars + j·acs] == b[i·brs + j·bcs]` as bool bytes (strides in elements). */
  equal2d(heap: ArrayBufferLike, aOff: number, bOff: number, outOff: number, rows: number, cols: number, ars: number, acs: number, brs: number, bcs: number): void;
  /**
   * One gradient of a dense layer `y = act(x·W + b)` (`x` `[n, in]`, `W` `[in, out]`), with the
   * ReLU mask `dz = dy ⊙ step(y)` applied while packing (`yOff` −1: linear, `dz = dy`):
   * `which` 0 → `dx = dz·Wᵀ` `[n, in]` (`otherOff` = W), 1 → `dW = xᵀ·dz` `[in, out]` (`otherOff` = x),
   * 2 → `db = Σ_rows dz` `[out]` (float64 accumulation).
   */
  denseGrad(heap: ArrayBufferLike, dyOff: number, yOff: number, otherOff: number, outOff: number, which: 0 | 1 | 2, n: number, inDim: number, outDim: number, threads: number): void;
  /**
   * InfoNCE bound of a square score matrix `S` `[B, B]`: mode 0 writes `mean_i (S_ii − LSE_j S_ij) + log B`
   * to `out[0]`; mode 1 writes the gradient `dy · (δ_ij − softmax_j(S_i·)) / B` `[B, B]`, `dy` being
   * the float32 scalar at `dyOff`.
   */
  infoNce(heap: ArrayBufferLike, sOff: number, outOff: number, b: number, mode: 0 | 1, dyOff: number): void;
  /** The GEMM micro-kernels in use: `avx512` where the CPU has AVX-512F (unless `INFOBED_GEMM_ISA=avx2`), else `avx2`. */
  isa(): 'avx512' | 'avx2';
  /** Forces `avx2` or goes back to `auto` (the best the CPU has); false for an unknown name. */
  setIsa(name: 'avx2' | 'auto'): boolean;
  /** True when the CPU has AVX2 and FMA. */
  supported(): boolean;
}

let cached: { gemm?: NativeGemm; reason: string } | undefined;

/**
 * Loads the native GEMM once. Returns `undefined` (with the reason in `nativeGemmStatus()`)
 * when it was not built, cannot load, the CPU lacks AVX2/FMA, or `INFOBED_NATIVE_GEMM=0`.
 */
export function loadNativeGemm(): NativeGemm | undefined {
  if (cached !== undefined) return cached.gemm;
  if (process.env.INFOBED_NATIVE_GEMM === '0') {
    cached = { reason: 'disabled by INFOBED_NATIVE_GEMM=0' };
    return undefined;
  }
  try {
    const g = createRequire(import.meta.url)('../../native/build/Release/infobed_gemm.node') as NativeGemm;
    cached = g.supported() ? { gemm: g, reason: 'loaded' } : { reason: 'CPU lacks AVX2/FMA' };
  } catch (e) {
    cached = { reason: `not built or not loadable: ${String((e as Error).message).split('\n')[0]}` };
  }
  return cached.gemm;
}

/** Why the native GEMM is or is not in use (after `loadNativeGemm()`). */
export const nativeGemmStatus = (): string => cached?.reason ?? 'not tried';
