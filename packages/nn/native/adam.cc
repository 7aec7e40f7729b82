// One fused Adam update over a variable, in place in the wasm heap. Same fp32 operations, in the
// same order, as TF.js's AdamOptimizer (which runs them as separate kernels); built with
// -ffp-contract=off so no multiply-add is fused and results match it bit for bit.
#include <node_api.h>
#include <cmath>
#include <cstddef>

namespace infobed {

// adam(heap, varOff, mOff, vOff, gOff, n, beta1, oneMinusBeta1, beta2, oneMinusBeta2,
//      oneMinusAccBeta1, oneMinusAccBeta2, epsilon, negLr): all scalars already fp32-rounded.
napi_value Adam(napi_env env, napi_callback_info info) {
  size_t argc = 14; napi_value argv[14];
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc != 14) {
    napi_throw_error(env, nullptr, "infobed_gemm.adam: expected 14 arguments"); return nullptr;
  }
  void* heap; size_t len;
  if (napi_get_arraybuffer_info(env, argv[0], &heap, &len) != napi_ok) {
    napi_throw_type_error(env, nullptr, "infobed_gemm.adam: heap must be an ArrayBuffer"); return nullptr;
  }
  double d[13];
  for (int i = 0; i < 13; ++i)
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
  for (size_t i = 0; i < n; ++i) {
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
  return nullptr;
}

}  // namespace infobed
