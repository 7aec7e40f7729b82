// Packed AVX2/FMA SGEMM for InfoBED's TF.js wasm backend: C[b] = op(A[b]) · op(B[b]).
// Operands live in the wasm heap (an ArrayBuffer); the kernel reads and writes it in place.
// BLIS-style loops: B packed in 16-wide column panels, A in 6-high row panels, 6x16 micro-kernel
// (12 ymm accumulators). Optional OpenMP over row blocks. No exceptions, no allocation in the
// micro-kernel; packing buffers are per call.
#include <immintrin.h>
#include <node_api.h>
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>
#ifdef _OPENMP
#include <omp.h>
#endif

namespace infobed {
napi_value Adam(napi_env env, napi_callback_info info);
napi_value ColSum(napi_env env, napi_callback_info info);
napi_value Equal2d(napi_env env, napi_callback_info info);
}  // namespace infobed

namespace {

constexpr int MR = 6, NR = 16, KC = 256, MC = 72, NC = 1024;

struct Op {
  const float* p; int ld; bool trans;
  // element (i, k) of op(A) [rows x depth], or (k, j) of op(B) handled by caller's view.
  inline float at(int r, int c) const { return trans ? p[(size_t)c * ld + r] : p[(size_t)r * ld + c]; }
};

// Ap[panel][k][MR] for rows [i0, i0+mc), depth [k0, k0+kc) of op(A) (rows = M index, cols = K).
void packA(const Op& a, int M, int i0, int mc, int k0, int kc, float* ap) {
  for (int ip = 0; ip < mc; ip += MR) {
    if (a.trans) {  // A(i, k) = p[k*ld + i]: contiguous along i
      for (int k = 0; k < kc; ++k) {
        const float* src = a.p + (size_t)(k0 + k) * a.ld;
        for (int r = 0; r < MR; ++r) {
          const int i = i0 + ip + r;
          ap[k * MR + r] = (ip + r < mc && i < M) ? src[i] : 0.f;
        }
      }
    } else {  // A(i, k) = p[i*ld + k]: contiguous along k
      for (int r = 0; r < MR; ++r) {
        const int i = i0 + ip + r;
        if (ip + r < mc && i < M) {
          const float* src = a.p + (size_t)i * a.ld + k0;
          for (int k = 0; k < kc; ++k) ap[k * MR + r] = src[k];
        } else {
          for (int k = 0; k < kc; ++k) ap[k * MR + r] = 0.f;
        }
      }
    }
    ap += (size_t)kc * MR;
  }
}

// One NR-wide panel Bp[k][NR] of op(B) for depth [k0, k0+kc), columns [j0, j0+NR).
void packBPanel(const Op& b, int N, int j0, int k0, int kc, float* bp) {
  const int nr = std::min(NR, N - j0);
  if (!b.trans) {  // B(k, j) = p[k*ld + j]
    for (int k = 0; k < kc; ++k) {
      const float* src = b.p + (size_t)(k0 + k) * b.ld + j0;
      float* dst = bp + k * NR;
      if (nr == NR) std::memcpy(dst, src, NR * sizeof(float));
      else for (int c = 0; c < NR; ++c) dst[c] = c < nr ? src[c] : 0.f;
    }
  } else {  // B(k, j) = p[j*ld + k]
    for (int c = 0; c < NR; ++c) {
      if (c < nr) {
        const float* src = b.p + (size_t)(j0 + c) * b.ld + k0;
        for (int k = 0; k < kc; ++k) bp[k * NR + c] = src[k];
      } else {
        for (int k = 0; k < kc; ++k) bp[k * NR + c] = 0.f;
      }
    }
  }
}

// Bp[panel][k][NR] for depth [k0, k0+kc), columns [j0, j0+nc) of op(B).
void packB(const Op& b, int N, int j0, int nc, int k0, int kc, float* bp) {
  for (int jp = 0; jp < nc; jp += NR) packBPanel(b, N, j0 + jp, k0, kc, bp + (size_t)(jp / NR) * kc * NR);
}

// Accumulators are named scalars, not arrays: with arrays GCC spills all 12 to the stack every k.
#define ROW(r) __m256 c##r##0 = _mm256_setzero_ps(), c##r##1 = _mm256_setzero_ps();
#define FMA(r) { const __m256 ar = _mm256_broadcast_ss(a + r); c##r##0 = _mm256_fmadd_ps(ar, b0, c##r##0); c##r##1 = _mm256_fmadd_ps(ar, b1, c##r##1); }
#define OUT(r) _mm256_store_ps(t + r * NR, c##r##0); _mm256_store_ps(t + r * NR + 8, c##r##1);

__attribute__((target("avx2,fma"))) void micro(int kc, const float* a, const float* b, float* c, int ldc, bool acc, int mr, int nr) {
  ROW(0) ROW(1) ROW(2) ROW(3) ROW(4) ROW(5)
  for (int k = 0; k < kc; ++k) {
    const __m256 b0 = _mm256_load_ps(b), b1 = _mm256_load_ps(b + 8);
    FMA(0) FMA(1) FMA(2) FMA(3) FMA(4) FMA(5)
    a += MR; b += NR;
  }
  alignas(32) float t[MR * NR];
  OUT(0) OUT(1) OUT(2) OUT(3) OUT(4) OUT(5)
  if (mr == MR && nr == NR) {
    for (int r = 0; r < MR; ++r) {
      float* cr = c + (size_t)r * ldc;
      __m256 v0 = _mm256_load_ps(t + r * NR), v1 = _mm256_load_ps(t + r * NR + 8);
      if (acc) { v0 = _mm256_add_ps(v0, _mm256_loadu_ps(cr)); v1 = _mm256_add_ps(v1, _mm256_loadu_ps(cr + 8)); }
      _mm256_storeu_ps(cr, v0); _mm256_storeu_ps(cr + 8, v1);
    }
    return;
  }
  for (int r = 0; r < mr; ++r)
    for (int j = 0; j < nr; ++j) c[(size_t)r * ldc + j] = (acc ? c[(size_t)r * ldc + j] : 0.f) + t[r * NR + j];
}
#undef ROW
#undef FMA
#undef OUT

struct Buf {  // 32-byte aligned scratch
  std::vector<float> v; float* p;
  explicit Buf(size_t n) : v(n + 8) { p = reinterpret_cast<float*>((reinterpret_cast<uintptr_t>(v.data()) + 31) & ~uintptr_t(31)); }
};

constexpr int SMALL_M = 2 * MC;  // up to here: pack all of A once, pack B panel by panel (hot in L1)

void gemm1(const Op& a, const Op& b, float* c, int M, int N, int K, int threads) {
  if (K == 0) { std::fill(c, c + (size_t)M * N, 0.f); return; }
  const int nt = 2.0 * M * N * K < 4e6 ? 1 : threads;
  const int kcMax = std::min(KC, K);
  if (M <= SMALL_M) {
    const int mPad = (M + MR - 1) / MR * MR;
    Buf abuf((size_t)mPad * kcMax);
    const int nPanels = (N + NR - 1) / NR;
    for (int k0 = 0; k0 < K; k0 += KC) {
      const int kc = std::min(KC, K - k0);
      packA(a, M, 0, M, k0, kc, abuf.p);
#pragma omp parallel num_threads(nt) if (nt > 1)
      {
        Buf bbuf((size_t)NR * kc);
#pragma omp for schedule(static)
        for (int jp = 0; jp < nPanels; ++jp) {
          packBPanel(b, N, jp * NR, k0, kc, bbuf.p);
          for (int ip = 0; ip < M; ip += MR)
            micro(kc, abuf.p + (size_t)(ip / MR) * kc * MR, bbuf.p, c + (size_t)ip * N + jp * NR, N, k0 > 0,
                  std::min(MR, M - ip), std::min(NR, N - jp * NR));
        }
      }
    }
    return;
  }
  const int ncMax = std::min(NC, (N + NR - 1) / NR * NR);
  Buf bbuf((size_t)ncMax * kcMax);
  float* bp = bbuf.p;
  for (int j0 = 0; j0 < N; j0 += NC) {
    const int nc = std::min(NC, N - j0);
    for (int k0 = 0; k0 < K; k0 += KC) {
      const int kc = std::min(KC, K - k0);
      packB(b, N, j0, nc, k0, kc, bp);
      const int nBlocks = (M + MC - 1) / MC;
#pragma omp parallel num_threads(nt) if (nt > 1)
      {
        Buf abuf((size_t)MC * kc);
        float* ap = abuf.p;
#pragma omp for schedule(static)
        for (int ib = 0; ib < nBlocks; ++ib) {
          const int i0 = ib * MC, mc = std::min(MC, M - i0);
          packA(a, M, i0, mc, k0, kc, ap);
          for (int jp = 0; jp < nc; jp += NR) {
            const float* bpp = bp + (size_t)(jp / NR) * kc * NR;
            for (int ip = 0; ip < mc; ip += MR) {
              micro(kc, ap + (size_t)(ip / MR) * kc * MR, bpp, c + (size_t)(i0 + ip) * N + j0 + jp, N, k0 > 0,
                    std::min(MR, mc - ip), std::min(NR, nc - jp));
            }
          }
        }
      }
    }
  }
}

bool cpuOk() { __builtin_cpu_init(); return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"); }

#define CHECK(x) if ((x) != napi_ok) { napi_throw_error(env, nullptr, "infobed_gemm: bad arguments"); return nullptr; }

// gemm(heap: ArrayBuffer, aOff, bOff, cOff, batch, M, N, K, transA, transB, aBatched, bBatched, threads
//      [, biasOff (-1 = none; bias [N] added to every row), activation (0 linear, 1 relu)])
napi_value Gemm(napi_env env, napi_callback_info info) {
  size_t argc = 15; napi_value argv[15];
  CHECK(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  if (argc != 13 && argc != 15) { napi_throw_error(env, nullptr, "infobed_gemm: expected 13 or 15 arguments"); return nullptr; }
  void* heap; size_t len;
  CHECK(napi_get_arraybuffer_info(env, argv[0], &heap, &len));
  double d[14] = {0};
  d[12] = -1;
  for (size_t i = 0; i + 1 < argc; ++i) CHECK(napi_get_value_double(env, argv[i + 1], &d[i]));
  const size_t aOff = (size_t)d[0], bOff = (size_t)d[1], cOff = (size_t)d[2];
  const int batch = (int)d[3], M = (int)d[4], N = (int)d[5], K = (int)d[6];
  const bool ta = d[7] != 0, tb = d[8] != 0, aB = d[9] != 0, bB = d[10] != 0;
  const int threads = std::max(1, (int)d[11]);
  const bool hasBias = d[12] >= 0;
  const size_t biasOff = hasBias ? (size_t)d[12] : 0;
  const bool relu = d[13] == 1;
  if (hasBias && (biasOff % 4 != 0 || biasOff + (size_t)N * 4 > len)) {
    napi_throw_range_error(env, nullptr, "infobed_gemm: bias outside the heap");
    return nullptr;
  }
  const size_t aSize = (size_t)M * K * 4, bSize = (size_t)K * N * 4, cSize = (size_t)M * N * 4;
  if (aOff + (aB ? batch : 1) * aSize > len || bOff + (bB ? batch : 1) * bSize > len || cOff + batch * cSize > len ||
      (aOff | bOff | cOff) % 4 != 0) {
    napi_throw_range_error(env, nullptr, "infobed_gemm: operand outside the heap");
    return nullptr;
  }
  char* h = static_cast<char*>(heap);
  for (int i = 0; i < batch; ++i) {
    const float* pa = reinterpret_cast<const float*>(h + aOff + (aB ? i * aSize : 0));
    const float* pb = reinterpret_cast<const float*>(h + bOff + (bB ? i * bSize : 0));
    float* pc = reinterpret_cast<float*>(h + cOff + i * cSize);
    Op a{pa, ta ? M : K, ta};
    Op b{pb, tb ? K : N, tb};  // b.at(k, j): trans ? p[j*K + k] : p[k*N + j]
    gemm1(a, b, pc, M, N, K, threads);
    if (hasBias || relu) {  // epilogue: same fp32 ops as TF.js's add then relu
      const float* bias = reinterpret_cast<const float*>(h + biasOff);
      for (size_t r = 0; r < (size_t)M; ++r) {
        float* row = pc + r * N;
        for (int j = 0; j < N; ++j) {
          float v = hasBias ? row[j] + bias[j] : row[j];
          row[j] = relu ? (v < 0.f ? 0.f : v) : v;
        }
      }
    }
  }
  return nullptr;
}

napi_value Supported(napi_env env, napi_callback_info) {
  napi_value v; napi_get_boolean(env, cpuOk(), &v); return v;
}

napi_value Init(napi_env env, napi_value exports) {
  napi_value f;
  napi_create_function(env, "equal2d", NAPI_AUTO_LENGTH, infobed::Equal2d, nullptr, &f);
  napi_set_named_property(env, exports, "equal2d", f);
  napi_create_function(env, "colsum", NAPI_AUTO_LENGTH, infobed::ColSum, nullptr, &f);
  napi_set_named_property(env, exports, "colsum", f);
  napi_create_function(env, "adam", NAPI_AUTO_LENGTH, infobed::Adam, nullptr, &f);
  napi_set_named_property(env, exports, "adam", f);
  napi_create_function(env, "gemm", NAPI_AUTO_LENGTH, Gemm, nullptr, &f);
  napi_set_named_property(env, exports, "gemm", f);
  napi_create_function(env, "supported", NAPI_AUTO_LENGTH, Supported, nullptr, &f);
  napi_set_named_property(env, exports, "supported", f);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
