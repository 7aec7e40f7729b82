// N-API entry points of InfoBED's native kernels for the TF.js wasm backend. Operands live in the
// wasm heap (an ArrayBuffer) and are read and written in place. The GEMM core is sgemm.cc; threads
// come from pool.h.
#include <node_api.h>
#include <algorithm>
#include <cstdint>

#include "micro.h"
#include "pool.h"
#include "sgemm.h"

namespace infobed {
napi_value Adam(napi_env env, napi_callback_info info);
napi_value ColSum(napi_env env, napi_callback_info info);
napi_value Equal2d(napi_env env, napi_callback_info info);
napi_value DenseGrad(napi_env env, napi_callback_info info);
napi_value InfoNce(napi_env env, napi_callback_info info);
}  // namespace infobed

namespace {

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
    infobed::Epilogue e;
    e.bias = hasBias ? reinterpret_cast<const float*>(h + biasOff) : nullptr;
    e.relu = relu;
    infobed::sgemm({pa, ta ? M : K, ta}, {pb, tb ? K : N, tb}, pc, M, N, K, threads, e);
  }
  return nullptr;
}

napi_value Supported(napi_env env, napi_callback_info) {
  napi_value v; napi_get_boolean(env, cpuOk(), &v); return v;
}

// isa(): "avx512" or "avx2"; setIsa(name: "avx2" | "auto"): false for an unknown name.
napi_value Isa(napi_env env, napi_callback_info) {
  napi_value v; napi_create_string_utf8(env, infobed::gemmIsa(), NAPI_AUTO_LENGTH, &v); return v;
}

napi_value SetIsa(napi_env env, napi_callback_info info) {
  size_t argc = 1; napi_value argv[1];
  char name[16] = {0}; size_t len = 0;
  CHECK(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  if (argc != 1) { napi_throw_error(env, nullptr, "infobed_gemm: setIsa expects 1 argument"); return nullptr; }
  CHECK(napi_get_value_string_utf8(env, argv[0], name, sizeof name, &len));
  napi_value v; napi_get_boolean(env, infobed::setGemmIsa(name), &v); return v;
}

napi_value Init(napi_env env, napi_value exports) {
  napi_value f;
  napi_create_function(env, "infoNce", NAPI_AUTO_LENGTH, infobed::InfoNce, nullptr, &f);
  napi_set_named_property(env, exports, "infoNce", f);
  napi_create_function(env, "denseGrad", NAPI_AUTO_LENGTH, infobed::DenseGrad, nullptr, &f);
  napi_set_named_property(env, exports, "denseGrad", f);
  napi_create_function(env, "equal2d", NAPI_AUTO_LENGTH, infobed::Equal2d, nullptr, &f);
  napi_set_named_property(env, exports, "equal2d", f);
  napi_create_function(env, "colsum", NAPI_AUTO_LENGTH, infobed::ColSum, nullptr, &f);
  napi_set_named_property(env, exports, "colsum", f);
  napi_create_function(env, "adam", NAPI_AUTO_LENGTH, infobed::Adam, nullptr, &f);
  napi_set_named_property(env, exports, "adam", f);
  napi_create_function(env, "gemm", NAPI_AUTO_LENGTH, Gemm, nullptr, &f);
  napi_set_named_property(env, exports, "gemm", f);
  napi_create_function(env, "isa", NAPI_AUTO_LENGTH, Isa, nullptr, &f);
  napi_set_named_property(env, exports, "isa", f);
  napi_create_function(env, "setIsa", NAPI_AUTO_LENGTH, SetIsa, nullptr, &f);
  napi_set_named_property(env, exports, "setIsa", f);
  napi_create_function(env, "supported", NAPI_AUTO_LENGTH, Supported, nullptr, &f);
  napi_set_named_property(env, exports, "supported", f);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
