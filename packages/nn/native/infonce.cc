// InfoNCE bound of a square score matrix S [B, B] and its gradient, natively (TF.js runs them as
// ~20 kernels: Max, Sub, Exp, Sum, Log, Add, diagonal, Mean and their gradients):
//   bound = mean_i (S_ii − LSE_j S_ij) + log B,   ∂bound/∂S_ij = (δ_ij − softmax_j(S_i·)) / B.
// Row maxima are subtracted before exp as in tf.logSumExp; exp in float32, sums in float64.
#include <node_api.h>
#include <cmath>
#include <cstddef>

namespace infobed {

// infoNce(heap, sOff, outOff, B, mode (0 bound → out[0], 1 gradient → out [B, B]), dyOff (mode 1: the scalar upstream gradient))
napi_value InfoNce(napi_env env, napi_callback_info info) {
  size_t argc = 6; napi_value argv[6];
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc != 6) {
    napi_throw_error(env, nullptr, "infobed_gemm.infoNce: expected 6 arguments"); return nullptr;
  }
  void* heap; size_t len;
  if (napi_get_arraybuffer_info(env, argv[0], &heap, &len) != napi_ok) {
    napi_throw_type_error(env, nullptr, "infobed_gemm.infoNce: heap must be an ArrayBuffer"); return nullptr;
  }
  double d[5];
  for (int i = 0; i < 5; ++i)
    if (napi_get_value_double(env, argv[i + 1], &d[i]) != napi_ok) { napi_throw_type_error(env, nullptr, "infobed_gemm.infoNce: numbers expected"); return nullptr; }
  const size_t sOff = (size_t)d[0], oOff = (size_t)d[1], B = (size_t)d[2];
  const int mode = (int)d[3];
  const size_t dyOff = mode == 1 ? (size_t)d[4] : 0;
  if (B == 0 || (sOff | oOff) % 4 != 0 || sOff + 4 * B * B > len || oOff + 4 * (mode == 0 ? 1 : B * B) > len || dyOff % 4 != 0 || dyOff + 4 > len) {
    napi_throw_range_error(env, nullptr, "infobed_gemm.infoNce: operand outside the heap"); return nullptr;
  }
  const float* s = reinterpret_cast<const float*>(static_cast<char*>(heap) + sOff);
  float* out = reinterpret_cast<float*>(static_cast<char*>(heap) + oOff);
  const double dy = mode == 1 ? *reinterpret_cast<const float*>(static_cast<char*>(heap) + dyOff) : 0.0;
  double total = 0;
  for (size_t i = 0; i < B; ++i) {
    const float* row = s + i * B;
    float mx = row[0];
    for (size_t j = 1; j < B; ++j) mx = row[j] > mx ? row[j] : mx;
    double sum = 0;
    for (size_t j = 0; j < B; ++j) sum += std::exp(row[j] - mx);  // float exp of (S_ij − max) ≤ 0, as TF.js
    const double lse = mx + std::log(sum);
    if (mode == 0) {
      total += (double)row[i] - lse;
    } else {
      float* g = out + i * B;
      const double scale = dy / (double)B;
      const float lsef = (float)lse;
      for (size_t j = 0; j < B; ++j) g[j] = (float)(scale * ((i == j ? 1.0 : 0.0) - std::exp(row[j] - lsef)));
    }
  }
  if (mode == 0) out[0] = (float)(total / (double)B + std::log((double)B));
  return nullptr;
}

}  // namespace infobed
