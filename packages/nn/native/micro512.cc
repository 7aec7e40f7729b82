// AVX-512F micro-kernel (12 × 16: two packed 6-row A panels against one 16-wide B panel, 12 zmm
// accumulators) and the run-time choice of instruction set. Compiled with target attributes, so
// the addon still builds and runs on AVX2-only CPUs; sgemm.cc calls it only when gemmIsa() says so.
#include <immintrin.h>
#include <cstdlib>
#include <cstring>

#include "micro.h"

namespace infobed {
namespace {

bool cpuHasAvx512() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") != 0;
}

int initialIsa() {
  const char* env = std::getenv("INFOBED_GEMM_ISA");
  if (env != nullptr && std::strcmp(env, "avx2") == 0) return 0;
  return cpuHasAvx512() ? 1 : 0;
}

int isa = initialIsa();  // 0 avx2, 1 avx512

}  // namespace

bool gemmWide() { return isa == 1; }

const char* gemmIsa() { return isa == 1 ? "avx512" : "avx2"; }

bool setGemmIsa(const char* name) {
  if (std::strcmp(name, "avx2") == 0) isa = 0;
  else if (std::strcmp(name, "auto") == 0) isa = cpuHasAvx512() ? 1 : 0;
  else return false;
  return true;
}

#define ROW(r) __m512 c##r = _mm512_setzero_ps();
#define FMA(r, p, q) c##r = _mm512_fmadd_ps(_mm512_set1_ps(p[q]), b0, c##r);
#define OUT(r) _mm512_store_ps(t + r * NR, c##r);

__attribute__((target("avx512f"))) void microAvx512(int kc, const float* a, const float* b, float* c, int ldc, bool acc, int mr, int nr,
                                                    const float* bias, bool relu) {
  ROW(0) ROW(1) ROW(2) ROW(3) ROW(4) ROW(5) ROW(6) ROW(7) ROW(8) ROW(9) ROW(10) ROW(11)
  const float* a1 = a + (size_t)kc * MR;
  for (int k = 0; k < kc; ++k) {
    const __m512 b0 = _mm512_load_ps(b);
    FMA(0, a, 0) FMA(1, a, 1) FMA(2, a, 2) FMA(3, a, 3) FMA(4, a, 4) FMA(5, a, 5)
    FMA(6, a1, 0) FMA(7, a1, 1) FMA(8, a1, 2) FMA(9, a1, 3) FMA(10, a1, 4) FMA(11, a1, 5)
    a += MR; a1 += MR; b += NR;
  }
  alignas(64) float t[2 * MR * NR];
  OUT(0) OUT(1) OUT(2) OUT(3) OUT(4) OUT(5) OUT(6) OUT(7) OUT(8) OUT(9) OUT(10) OUT(11)
  // Epilogue per 6-row half, exactly as microAvx2 treats that panel: full tiles vectorised (16 wide
  // here, 2 × 8 there: the same lane-wise fp32 operations), edge tiles with the scalar loop.
  const __m512 zero = _mm512_setzero_ps();
  for (int h = 0; h < 2; ++h) {
    const int r0 = h * MR, r1 = mr < r0 + MR ? mr : r0 + MR;
    if (r1 - r0 == MR && nr == NR) {
      const __m512 bb = bias ? _mm512_loadu_ps(bias) : zero;
      for (int r = r0; r < r1; ++r) {
        float* cr = c + (size_t)r * ldc;
        __m512 v = _mm512_load_ps(t + r * NR);
        if (acc) v = _mm512_add_ps(_mm512_loadu_ps(cr), v);
        if (bias) v = _mm512_add_ps(v, bb);
        if (relu) v = _mm512_max_ps(v, zero);
        _mm512_storeu_ps(cr, v);
      }
      continue;
    }
    storeEdge(t, c, ldc, acc, r0, r1, nr, bias, relu);
  }
}
#undef ROW
#undef FMA
#undef OUT

}  // namespace infobed
