// Register-blocked SGEMM micro-kernels over packed panels (see sgemm.cc for the packing) and the
// instruction set that serves them, chosen at run time.
#pragma once
#include <cstddef>

namespace infobed {

constexpr int MR = 6, NR = 16;

/**
 * C tile [mr ≤ 6, nr ≤ 16] (+)= Ap [kc][6] · Bp [kc][16]; when `bias`/`relu` (last depth block
 * only): + bias[j], then ReLU. AVX2 + FMA; each C element is one chain of fp32 FMAs over k.
 */
void microAvx2(int kc, const float* a, const float* b, float* c, int ldc, bool acc, int mr, int nr, const float* bias, bool relu);

/**
 * The same for two consecutive A panels (`a`, then `a + kc·6`): C tile [mr ≤ 12, nr ≤ 16], AVX-512F.
 * Every C element sees the same FMAs in the same order as in `microAvx2`: results are bit-identical.
 */
void microAvx512(int kc, const float* a, const float* b, float* c, int ldc, bool acc, int mr, int nr, const float* bias, bool relu);

/**
 * Scalar store of tile rows [r0, r1) (columns < nr) from the accumulator copy `t` [rows][NR]:
 * C (+)= t, + bias[j], then ReLU — the edge-tile epilogue both kernels share (fp32, same order).
 */
inline void storeEdge(const float* t, float* c, int ldc, bool acc, int r0, int r1, int nr, const float* bias, bool relu) {
  for (int r = r0; r < r1; ++r)
    for (int j = 0; j < nr; ++j) {
      float v = acc ? c[(size_t)r * ldc + j] + t[r * NR + j] : t[r * NR + j];
      if (bias) v = v + bias[j];
      if (relu) v = v < 0.f ? 0.f : v;
      c[(size_t)r * ldc + j] = v;
    }
}

/** True when sgemm uses microAvx512 (see gemmIsa). */
bool gemmWide();

/** The GEMM instruction set in use: "avx512" when the CPU (and OS) support AVX-512F, else "avx2". */
const char* gemmIsa();

/** Forces "avx2" or "auto" (the best the CPU has); returns false for an unknown name. Also `INFOBED_GEMM_ISA`. */
bool setGemmIsa(const char* name);

}  // namespace infobed
