// Packed SGEMM (BLIS-style): B in 16-wide column panels, A in 6-high row panels, 6x16 AVX2
// micro-kernel with 12 ymm accumulators (or, where the CPU has AVX-512F, 12x16 over two A panels
// with 12 zmm accumulators: micro512.cc, same results bit for bit), bias + ReLU epilogue in the micro-kernel's store, the
// ReLU-gradient mask applied while packing. Work is split into chunks (column-panel groups, or
// row blocks x column groups) run by infobed::Pool; each chunk owns its C tile for the current
// depth block, so chunks need no synchronisation.
#include "sgemm.h"

#include <immintrin.h>
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "micro.h"
#include "pool.h"

namespace infobed {
namespace {

constexpr int KC = 256, MC = 72, NC = 1024;
constexpr int SMALL_M = 2 * MC;  // up to here: pack all of A once per depth block, B panel by panel (hot in L1)

// TF.js's `dy * step(y)`: step is 1 for y > 0, else 0 (the product keeps NaN and signed zeros).
inline float masked(const float* p, const float* m, size_t i) { return m == nullptr ? p[i] : p[i] * (m[i] > 0.f ? 1.f : 0.f); }

/** Per-thread 64-byte-aligned scratch (a zmm load of a packed panel), grown on demand; `slot` separates concurrent uses. */
float* scratch(int slot, size_t n) {
  static thread_local std::vector<float> bufs[4];
  std::vector<float>& v = bufs[slot];
  if (v.size() < n + 16) v.resize(n + 16);
  return reinterpret_cast<float*>((reinterpret_cast<uintptr_t>(v.data()) + 63) & ~uintptr_t(63));
}

// Ap[panel][k][MR] for rows [i0, i0+mc), depth [k0, k0+kc) of op(A) (rows = M index, cols = K).
void packA(const Operand& a, int M, int i0, int mc, int k0, int kc, float* ap) {
  for (int ip = 0; ip < mc; ip += MR) {
    if (a.trans && a.mask == nullptr && ip + MR <= mc && i0 + ip + MR <= M) {  // full panel: 6 contiguous floats per k
      const float* src = a.p + (size_t)k0 * a.ld + i0 + ip;
      for (int k = 0; k < kc; ++k, src += a.ld) std::memcpy(ap + k * MR, src, MR * sizeof(float));
    } else if (a.trans) {  // A(i, k) = p[k*ld + i]: contiguous along i
      for (int k = 0; k < kc; ++k) {
        const size_t row = (size_t)(k0 + k) * a.ld;
        for (int r = 0; r < MR; ++r) {
          const int i = i0 + ip + r;
          ap[k * MR + r] = (ip + r < mc && i < M) ? masked(a.p, a.mask, row + i) : 0.f;
        }
      }
    } else {  // A(i, k) = p[i*ld + k]: contiguous along k
      for (int r = 0; r < MR; ++r) {
        const int i = i0 + ip + r;
        if (ip + r < mc && i < M) {
          const size_t row = (size_t)i * a.ld + k0;
          if (a.mask == nullptr) {
            const float* src = a.p + row;
            for (int k = 0; k < kc; ++k) ap[k * MR + r] = src[k];
          } else {
            for (int k = 0; k < kc; ++k) ap[k * MR + r] = masked(a.p, a.mask, row + k);
          }
        } else {
          for (int k = 0; k < kc; ++k) ap[k * MR + r] = 0.f;
        }
      }
    }
    ap += (size_t)kc * MR;
  }
}

// dst[r*ldd + c] = src[c*lds + r] for an 8x8 block.
__attribute__((target("avx2"))) void transpose8(const float* src, int lds, float* dst, int ldd) {
  __m256 r0 = _mm256_loadu_ps(src), r1 = _mm256_loadu_ps(src + lds), r2 = _mm256_loadu_ps(src + 2 * (size_t)lds),
         r3 = _mm256_loadu_ps(src + 3 * (size_t)lds), r4 = _mm256_loadu_ps(src + 4 * (size_t)lds), r5 = _mm256_loadu_ps(src + 5 * (size_t)lds),
         r6 = _mm256_loadu_ps(src + 6 * (size_t)lds), r7 = _mm256_loadu_ps(src + 7 * (size_t)lds);
  __m256 t0 = _mm256_unpacklo_ps(r0, r1), t1 = _mm256_unpackhi_ps(r0, r1), t2 = _mm256_unpacklo_ps(r2, r3), t3 = _mm256_unpackhi_ps(r2, r3);
  __m256 t4 = _mm256_unpacklo_ps(r4, r5), t5 = _mm256_unpackhi_ps(r4, r5), t6 = _mm256_unpacklo_ps(r6, r7), t7 = _mm256_unpackhi_ps(r6, r7);
  __m256 u0 = _mm256_shuffle_ps(t0, t2, 0x44), u1 = _mm256_shuffle_ps(t0, t2, 0xEE), u2 = _mm256_shuffle_ps(t1, t3, 0x44), u3 = _mm256_shuffle_ps(t1, t3, 0xEE);
  __m256 u4 = _mm256_shuffle_ps(t4, t6, 0x44), u5 = _mm256_shuffle_ps(t4, t6, 0xEE), u6 = _mm256_shuffle_ps(t5, t7, 0x44), u7 = _mm256_shuffle_ps(t5, t7, 0xEE);
  _mm256_storeu_ps(dst, _mm256_permute2f128_ps(u0, u4, 0x20));
  _mm256_storeu_ps(dst + ldd, _mm256_permute2f128_ps(u1, u5, 0x20));
  _mm256_storeu_ps(dst + 2 * ldd, _mm256_permute2f128_ps(u2, u6, 0x20));
  _mm256_storeu_ps(dst + 3 * ldd, _mm256_permute2f128_ps(u3, u7, 0x20));
  _mm256_storeu_ps(dst + 4 * ldd, _mm256_permute2f128_ps(u0, u4, 0x31));
  _mm256_storeu_ps(dst + 5 * ldd, _mm256_permute2f128_ps(u1, u5, 0x31));
  _mm256_storeu_ps(dst + 6 * ldd, _mm256_permute2f128_ps(u2, u6, 0x31));
  _mm256_storeu_ps(dst + 7 * ldd, _mm256_permute2f128_ps(u3, u7, 0x31));
}

// One NR-wide panel Bp[k][NR] of op(B) for depth [k0, k0+kc), columns [j0, j0+NR).
void packBPanel(const Operand& b, int N, int j0, int k0, int kc, float* bp) {
  const int nr = std::min(NR, N - j0);
  if (!b.trans) {  // B(k, j) = p[k*ld + j]
    for (int k = 0; k < kc; ++k) {
      const size_t row = (size_t)(k0 + k) * b.ld + j0;
      float* dst = bp + k * NR;
      if (b.mask == nullptr && nr == NR) std::memcpy(dst, b.p + row, NR * sizeof(float));
      else for (int c = 0; c < NR; ++c) dst[c] = c < nr ? masked(b.p, b.mask, row + c) : 0.f;
    }
  } else if (b.mask == nullptr && nr == NR) {  // B(k, j) = p[j*ld + k]: 8x8 transposes
    const int k8 = kc / 8 * 8;
    for (int half = 0; half < NR; half += 8) {
      const float* src = b.p + (size_t)(j0 + half) * b.ld + k0;
      for (int k = 0; k < k8; k += 8) transpose8(src + k, b.ld, bp + (size_t)k * NR + half, NR);
      for (int k = k8; k < kc; ++k)
        for (int c = 0; c < 8; ++c) bp[k * NR + half + c] = src[(size_t)c * b.ld + k];
    }
  } else {  // B(k, j) = p[j*ld + k]
    for (int c = 0; c < NR; ++c) {
      if (c < nr) {
        const size_t row = (size_t)(j0 + c) * b.ld + k0;
        for (int k = 0; k < kc; ++k) bp[k * NR + c] = masked(b.p, b.mask, row + k);
      } else {
        for (int k = 0; k < kc; ++k) bp[k * NR + c] = 0.f;
      }
    }
  }
}

// Accumulators are named scalars, not arrays: with arrays GCC spills all 12 to the stack every k.
#define ROW(r) __m256 c##r##0 = _mm256_setzero_ps(), c##r##1 = _mm256_setzero_ps();
#define FMA(r) { const __m256 ar = _mm256_broadcast_ss(a + r); c##r##0 = _mm256_fmadd_ps(ar, b0, c##r##0); c##r##1 = _mm256_fmadd_ps(ar, b1, c##r##1); }
#define OUT(r) _mm256_store_ps(t + r * NR, c##r##0); _mm256_store_ps(t + r * NR + 8, c##r##1);

}  // namespace

// C tile [mr, nr] (+)= Ap · Bp; when `bias`/`relu` (last depth block only): + bias[j], then ReLU —
// the same fp32 operations, in the same order, as TF.js's matMul, add, relu.
__attribute__((target("avx2,fma"))) void microAvx2(int kc, const float* a, const float* b, float* c, int ldc, bool acc, int mr, int nr,
                                               const float* bias, bool relu) {
  ROW(0) ROW(1) ROW(2) ROW(3) ROW(4) ROW(5)
  for (int k = 0; k < kc; ++k) {
    const __m256 b0 = _mm256_load_ps(b), b1 = _mm256_load_ps(b + 8);
    FMA(0) FMA(1) FMA(2) FMA(3) FMA(4) FMA(5)
    a += MR; b += NR;
  }
  alignas(32) float t[MR * NR];
  OUT(0) OUT(1) OUT(2) OUT(3) OUT(4) OUT(5)
  if (mr == MR && nr == NR) {
    const __m256 zero = _mm256_setzero_ps();
    const __m256 bb0 = bias ? _mm256_loadu_ps(bias) : zero, bb1 = bias ? _mm256_loadu_ps(bias + 8) : zero;
    for (int r = 0; r < MR; ++r) {
      float* cr = c + (size_t)r * ldc;
      __m256 v0 = _mm256_load_ps(t + r * NR), v1 = _mm256_load_ps(t + r * NR + 8);
      if (acc) { v0 = _mm256_add_ps(_mm256_loadu_ps(cr), v0); v1 = _mm256_add_ps(_mm256_loadu_ps(cr + 8), v1); }
      if (bias) { v0 = _mm256_add_ps(v0, bb0); v1 = _mm256_add_ps(v1, bb1); }
      if (relu) { v0 = _mm256_max_ps(v0, zero); v1 = _mm256_max_ps(v1, zero); }
      _mm256_storeu_ps(cr, v0); _mm256_storeu_ps(cr + 8, v1);
    }
    return;
  }
  storeEdge(t, c, ldc, acc, 0, mr, nr, bias, relu);
}
#undef ROW
#undef FMA
#undef OUT

namespace {

/** The tiles of `mrows` packed rows (panels of 6 from `ap`) against one packed B panel. */
void tiles(int kc, const float* ap, const float* bp, float* c, int ldc, bool acc, int mrows, int nr, const float* bias, bool relu, bool wide) {
  int ip = 0;
  if (wide)
    for (; ip + MR < mrows; ip += 2 * MR)
      microAvx512(kc, ap + (size_t)(ip / MR) * kc * MR, bp, c + (size_t)ip * ldc, ldc, acc, std::min(2 * MR, mrows - ip), nr, bias, relu);
  for (; ip < mrows; ip += MR)
    microAvx2(kc, ap + (size_t)(ip / MR) * kc * MR, bp, c + (size_t)ip * ldc, ldc, acc, std::min(MR, mrows - ip), nr, bias, relu);
}

}  // namespace

void sgemm(const Operand& a, const Operand& b, float* c, int M, int N, int K, int threads, const Epilogue& e) {
  if (M <= 0 || N <= 0) return;
  if (K == 0) {
    for (int i = 0; i < M; ++i)
      for (int j = 0; j < N; ++j) {
        float v = e.bias ? 0.f + e.bias[j] : 0.f;
        c[(size_t)i * N + j] = e.relu && v < 0.f ? 0.f : v;
      }
    return;
  }
  const int nt = 2.0 * M * N * K < 1.5e6 ? 1 : std::max(1, threads);
  const int nPanels = (N + NR - 1) / NR;
  Pool& pool = Pool::get();
  const bool wide = gemmWide();
  if (M <= SMALL_M) {
    const int mPad = (M + MR - 1) / MR * MR;
    // Column-panel groups: one chunk single-threaded, ~4 per thread otherwise.
    const int per = nt == 1 ? nPanels : std::max(1, (nPanels + 4 * nt - 1) / (4 * nt));
    const int chunks = (nPanels + per - 1) / per;
    for (int k0 = 0; k0 < K; k0 += KC) {
      const int kc = std::min(KC, K - k0);
      const bool last = k0 + kc == K;
      float* ap = scratch(0, (size_t)mPad * kc);
      packA(a, M, 0, M, k0, kc, ap);
      pool.parallelFor(chunks, nt, [&](int ch) {
        float* bp = scratch(3, (size_t)NR * kc);
        for (int jp = ch * per; jp < std::min(nPanels, (ch + 1) * per); ++jp) {
          const int j0 = jp * NR;
          packBPanel(b, N, j0, k0, kc, bp);
          tiles(kc, ap, bp, c + j0, N, k0 > 0, M, std::min(NR, N - j0), last && e.bias ? e.bias + j0 : nullptr, last && e.relu, wide);
        }
      });
    }
    return;
  }
  const int rowBlocks = (M + MC - 1) / MC;
  for (int j0 = 0; j0 < N; j0 += NC) {
    const int nc = std::min(NC, N - j0);
    const int ncPanels = (nc + NR - 1) / NR;
    // Few row blocks for the threads: also split the columns (A blocks are then packed per group).
    const int perGroup = rowBlocks >= 4 * nt ? ncPanels : std::max(1, std::min(ncPanels, 8));
    const int groups = (ncPanels + perGroup - 1) / perGroup;
    for (int k0 = 0; k0 < K; k0 += KC) {
      const int kc = std::min(KC, K - k0);
      const bool last = k0 + kc == K;
      float* bp = scratch(1, (size_t)ncPanels * NR * kc);
      const int packPer = nt == 1 ? ncPanels : std::max(1, (ncPanels + 2 * nt - 1) / (2 * nt));
      pool.parallelFor((ncPanels + packPer - 1) / packPer, nt, [&](int ch) {
        for (int p = ch * packPer; p < std::min(ncPanels, (ch + 1) * packPer); ++p) packBPanel(b, N, j0 + p * NR, k0, kc, bp + (size_t)p * kc * NR);
      });
      pool.parallelFor(rowBlocks * groups, nt, [&](int ch) {
        const int ib = ch / groups, gi = ch % groups;
        const int i0 = ib * MC, mc = std::min(MC, M - i0);
        float* ap = scratch(2, (size_t)MC * kc);
        packA(a, M, i0, mc, k0, kc, ap);
        for (int p = gi * perGroup; p < std::min(ncPanels, (gi + 1) * perGroup); ++p) {
          const int jj = j0 + p * NR;
          const float* bpp = bp + (size_t)p * kc * NR;
          tiles(kc, ap, bpp, c + (size_t)i0 * N + jj, N, k0 > 0, mc, std::min(NR, N - jj), last && e.bias ? e.bias + jj : nullptr, last && e.relu,
                wide);
        }
      });
    }
  }
}

__attribute__((target("avx2"))) void maskedCopy(const float* x, const float* mask, float* out, size_t n) {
  const __m256 one = _mm256_set1_ps(1.f), zero = _mm256_setzero_ps();
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256 s = _mm256_and_ps(_mm256_cmp_ps(_mm256_loadu_ps(mask + i), zero, _CMP_GT_OQ), one);  // step(mask): 1 or 0
    _mm256_storeu_ps(out + i, _mm256_mul_ps(_mm256_loadu_ps(x + i), s));
  }
  for (; i < n; ++i) out[i] = x[i] * (mask[i] > 0.f ? 1.f : 0.f);
}

__attribute__((target("avx2"))) void colsum(const float* x, const float* mask, float* out, int rows, int cols) {
  std::vector<double> acc((size_t)cols + 8, 0.0);
  double* s = acc.data();
  const __m256 one = _mm256_set1_ps(1.f), zero = _mm256_setzero_ps();
  const int c8 = cols / 8 * 8;
  for (size_t i = 0; i < (size_t)rows; ++i) {
    const float* r = x + i * cols;
    const float* m = mask == nullptr ? nullptr : mask + i * cols;
    for (int j = 0; j < c8; j += 8) {
      __m256 v = _mm256_loadu_ps(r + j);
      if (m != nullptr) v = _mm256_mul_ps(v, _mm256_and_ps(_mm256_cmp_ps(_mm256_loadu_ps(m + j), zero, _CMP_GT_OQ), one));
      _mm256_storeu_pd(s + j, _mm256_add_pd(_mm256_loadu_pd(s + j), _mm256_cvtps_pd(_mm256_castps256_ps128(v))));
      _mm256_storeu_pd(s + j + 4, _mm256_add_pd(_mm256_loadu_pd(s + j + 4), _mm256_cvtps_pd(_mm256_extractf128_ps(v, 1))));
    }
    for (int j = c8; j < cols; ++j) s[j] += (double)(m == nullptr ? r[j] : r[j] * (m[j] > 0.f ? 1.f : 0.f));
  }
  for (size_t j = 0; j < (size_t)cols; ++j) out[j] = (float)s[j];
}

}  // namespace infobed
