// One fused Adam update over a variable, in place in the wasm heap. Same fp32 operations, in the
// same order, as TF.js's AdamOptimizer (which runs them as separate kernels); built with
// -ffp-contract=off so no multiply-add is fused and results match it bit for bit.
#include <node_api.h>
#include <cmath>
#include <algorithm>
#include <cstddef>

#include "pool.h"

namespace infobed {

// 8-wide when the CPU has AVX2 (the addon is only used then); no FMA contraction (-ffp-contract=off).
__attribute__((target("avx2"))) static void adamRange(float* __restrict w, float* __restrict m, float* __restrict v, const float* __restrict g,
                                                     size_t lo, size_t hi, float b1, float omb1, float b2, float omb2, float omAcc1,
                                                     float omAcc2, float eps, float negLr) {
  for (size_t i = lo; i < hi; ++i) {
    const float gi = g[i];
    const float mi = m[i] * b1 + gi * omb1;
    const float sq = gi * gi;
    const float vi = v[i] * b2 + sq * omb2;
    m[i] = mi;
    v[i] = vi;
    const float mh = mi / omAcc1, vh = vi / omAcc2;
    const float den = std::sqrt(vh) + eps;
    w[i] = (mh / den) * negLr + w[i];
  }
}

// adam(heap, varOff, mOff, vOff, gOff, n, beta1, oneMinusBeta1, beta2, oneMinusBeta2,
//      oneMinusAccBeta1, oneMinusAccBeta2, epsilon, negLr[, threads]): all scalars already fp32-rounded.
napi_value Adam(napi_env env, napi_callback_info info) {
  size_t argc = 15; napi_value argv[15];
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || (argc != 14 && argc != 15)) {
    napi_throw_error(env, nullptr, "infobed_gemm.adam: expected 14 or 15 arguments"); return nullptr;
  }
  void* heap; size_t len;
  if (napi_get_arraybuffer_info(env, argv[0], &heap, &len) != napi_ok) {
    napi_throw_type_error(env, nullptr, "infobed_gemm.adam: heap must be an ArrayBuffer"); return nullptr;
  }
  double d[14] = {0};
  for (size_t i = 0; i + 1 < argc; ++i)
    if (napi_get_value_double(env, argv[i + 1], &d[i]) != napi_ok) { napi_throw_type_error(env, nullptr, "infobed_gemm.adam: numbers expected"); return nullptr; }
  const size_t offs[4] = {(size_t)d[0], (size_t)d[1], (size_t)d[2], (size_t)d[3]}, n = (size_t)d[4];
  for (size_t o : offs) if (o % 4 != 0 || o + 4 * n > len) { napi_throw_range_error(env, nullptr, "infobed_gemm.adam: operand outside the heap"); return nullptr; }
  char* h = static_cast<char*>(heap);
  float* __restrict w = reinterpret_cast<float*>(h + offs[0]);
  float* __restrict m = reinterpret_cast<float*>(h + offs[1]);
  float* __restrict v = reinterpret_cast<float*>(h + offs[2]);
  const float* __restrict g = reinterpret_cast<const float*>(h + offs[3]);
  const float b1 = (float)d[5], omb1 = (float)d[6], b2 = (float)d[7], omb2 = (float)d[8];
  const float omAcc1 = (float)d[9], omAcc2 = (float)d[10], eps = (float)d[11], negLr = (float)d[12];
  const int threads = d[13] < 1 ? 1 : (int)d[13];
  constexpr size_t CHUNK = 1 << 15;
  const int chunks = threads == 1 ? 1 : (int)((n + CHUNK - 1) / CHUNK);
  Pool::get().parallelFor(chunks, threads, [&](int c) {
    const size_t lo = chunks == 1 ? 0 : c * CHUNK, hi = chunks == 1 ? n : std::min(n, lo + CHUNK);
    adamRange(w, m, v, g, lo, hi, b1, omb1, b2, omb2, omAcc1, omAcc2, eps, negLr);
  });
  return nullptr;
}

}  // namespace infobed
