// Broadcast float32 equality of two rank-2 operands in the wasm heap into a bool (uint8) output:
// the wasm backend's broadcasting Equal is a slow generic loop, and logSumExp's Max gradient calls
// it on the whole [B, B] score matrix every step.
#include <node_api.h>
#include <cstddef>
#include <cstdint>

namespace infobed {

// equal2d(heap, aOff, bOff, outOff, rows, cols, aRowStride, aColStride, bRowStride, bColStride)
napi_value Equal2d(napi_env env, napi_callback_info info) {
  size_t argc = 10; napi_value argv[10];
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc != 10) {
    napi_throw_error(env, nullptr, "infobed_gemm.equal2d: expected 10 arguments"); return nullptr;
  }
  void* heap; size_t len;
  if (napi_get_arraybuffer_info(env, argv[0], &heap, &len) != napi_ok) {
    napi_throw_type_error(env, nullptr, "infobed_gemm.equal2d: heap must be an ArrayBuffer"); return nullptr;
  }
  double d[9];
  for (int i = 0; i < 9; ++i)
    if (napi_get_value_double(env, argv[i + 1], &d[i]) != napi_ok) { napi_throw_type_error(env, nullptr, "infobed_gemm.equal2d: numbers expected"); return nullptr; }
  const size_t aOff = (size_t)d[0], bOff = (size_t)d[1], oOff = (size_t)d[2], rows = (size_t)d[3], cols = (size_t)d[4];
  const size_t ars = (size_t)d[5], acs = (size_t)d[6], brs = (size_t)d[7], bcs = (size_t)d[8];
  const size_t aLast = rows && cols ? (rows - 1) * ars + (cols - 1) * acs : 0, bLast = rows && cols ? (rows - 1) * brs + (cols - 1) * bcs : 0;
  if (aOff % 4 || bOff % 4 || aOff + 4 * (aLast + 1) > len || bOff + 4 * (bLast + 1) > len || oOff + rows * cols > len) {
    napi_throw_range_error(env, nullptr, "infobed_gemm.equal2d: operand outside the heap"); return nullptr;
  }
  const float* a = reinterpret_cast<const float*>(static_cast<char*>(heap) + aOff);
  const float* b = reinterpret_cast<const float*>(static_cast<char*>(heap) + bOff);
  uint8_t* out = reinterpret_cast<uint8_t*>(static_cast<char*>(heap) + oOff);
  for (size_t i = 0; i < rows; ++i)
    for (size_t j = 0; j < cols; ++j) out[i * cols + j] = a[i * ars + j * acs] == b[i * brs + j * bcs] ? 1 : 0;
  return nullptr;
}

}  // namespace infobed
