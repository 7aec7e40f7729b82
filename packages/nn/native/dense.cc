// The backward pass of a dense layer y = act(x·W + b), act ∈ {linear, ReLU}, in one N-API call per
// gradient, the ReLU mask dz = dy ⊙ step(y) computed inside it (TF.js runs Step, Mul, a transposed
// BatchMatMul and Sum): dx = dz·Wᵀ, dW = xᵀ·dz, db = Σ_rows dz.
#include <node_api.h>
#include <cstddef>
#include <vector>

#include "sgemm.h"

namespace infobed {

// denseGrad(heap, dyOff, yOff (-1: linear, no mask), otherOff (W for dx, x for dW, unused for db),
//           outOff, which (0 dx [n, in], 1 dW [in, out], 2 db [out]), n, in, out, threads)
napi_value DenseGrad(napi_env env, napi_callback_info info) {
  size_t argc = 10; napi_value argv[10];
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc != 10) {
    napi_throw_error(env, nullptr, "infobed_gemm.denseGrad: expected 10 arguments"); return nullptr;
  }
  void* heap; size_t len;
  if (napi_get_arraybuffer_info(env, argv[0], &heap, &len) != napi_ok) {
    napi_throw_type_error(env, nullptr, "infobed_gemm.denseGrad: heap must be an ArrayBuffer"); return nullptr;
  }
  double d[9];
  for (int i = 0; i < 9; ++i)
    if (napi_get_value_double(env, argv[i + 1], &d[i]) != napi_ok) { napi_throw_type_error(env, nullptr, "infobed_gemm.denseGrad: numbers expected"); return nullptr; }
  const bool masked = d[1] >= 0;
  const size_t dyOff = (size_t)d[0], yOff = masked ? (size_t)d[1] : 0, oOff = (size_t)d[2], outOff = (size_t)d[3];
  const int which = (int)d[4], n = (int)d[5], in = (int)d[6], out = (int)d[7], threads = d[8] < 1 ? 1 : (int)d[8];
  const size_t nOut = (size_t)n * out * 4, other = which == 0 ? (size_t)in * out * 4 : which == 1 ? (size_t)n * in * 4 : 0;
  const size_t res = which == 0 ? (size_t)n * in * 4 : which == 1 ? (size_t)in * out * 4 : (size_t)out * 4;
  if (which < 0 || which > 2 || n < 0 || in < 0 || out < 0 || (dyOff | yOff | oOff | outOff) % 4 != 0 || dyOff + nOut > len ||
      (masked && yOff + nOut > len) || oOff + other > len || outOff + res > len) {
    napi_throw_range_error(env, nullptr, "infobed_gemm.denseGrad: bad shape or operand outside the heap"); return nullptr;
  }
  char* h = static_cast<char*>(heap);
  const float* dy = reinterpret_cast<const float*>(h + dyOff);
  const float* y = masked ? reinterpret_cast<const float*>(h + yOff) : nullptr;
  const float* o = reinterpret_cast<const float*>(h + oOff);
  float* r = reinterpret_cast<float*>(h + outOff);
  if (which == 2) {
    colsum(dy, y, r, n, out);
    return nullptr;
  }
  // dz = dy ⊙ step(y) in one vectorised pass, then a plain GEMM (cheaper than masking while packing).
  static thread_local std::vector<float> dzBuf;
  const float* dz = dy;
  if (masked) {
    if (dzBuf.size() < (size_t)n * out) dzBuf.resize((size_t)n * out);
    maskedCopy(dy, y, dzBuf.data(), (size_t)n * out);
    dz = dzBuf.data();
  }
  if (which == 0) sgemm({dz, out, false}, {o, out, true}, r, n, in, out, threads, {});
  else sgemm({o, in, true}, {dz, out, false}, r, in, out, n, threads, {});
  return nullptr;
}

}  // namespace infobed
