// Column sums of a row-major [rows, cols] float32 block in the wasm heap, accumulated in float64:
// the reduction over leading axes (bias gradients) that the wasm backend runs as transpose + sum.
#include <node_api.h>
#include <cstddef>

#include "sgemm.h"

namespace infobed {

// colsum(heap, xOff, outOff, rows, cols)
napi_value ColSum(napi_env env, napi_callback_info info) {
  size_t argc = 5; napi_value argv[5];
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc != 5) {
    napi_throw_error(env, nullptr, "infobed_gemm.colsum: expected 5 arguments"); return nullptr;
  }
  void* heap; size_t len;
  if (napi_get_arraybuffer_info(env, argv[0], &heap, &len) != napi_ok) {
    napi_throw_type_error(env, nullptr, "infobed_gemm.colsum: heap must be an ArrayBuffer"); return nullptr;
  }
  double d[4];
  for (int i = 0; i < 4; ++i)
    if (napi_get_value_double(env, argv[i + 1], &d[i]) != napi_ok) { napi_throw_type_error(env, nullptr, "infobed_gemm.colsum: numbers expected"); return nullptr; }
  const size_t xOff = (size_t)d[0], oOff = (size_t)d[1], rows = (size_t)d[2], cols = (size_t)d[3];
  if (xOff % 4 || oOff % 4 || xOff + 4 * rows * cols > len || oOff + 4 * cols > len) {
    napi_throw_range_error(env, nullptr, "infobed_gemm.colsum: operand outside the heap"); return nullptr;
  }
  colsum(reinterpret_cast<const float*>(static_cast<char*>(heap) + xOff), nullptr, reinterpret_cast<float*>(static_cast<char*>(heap) + oOff),
         (int)rows, (int)cols);
  return nullptr;
}

}  // namespace infobed
