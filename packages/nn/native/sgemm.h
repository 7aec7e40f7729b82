// Packed AVX2/FMA SGEMM core (no N-API): C = op(A) · op(B) [+ bias] [ReLU], row-major.
#pragma once
#include <cstddef>

namespace infobed {

/**
 * One GEMM operand: element (r, c) of op(X) is p[r*ld + c], or p[c*ld + r] when trans.
 * With mask (same layout and ld as p), the element read is p[i] · step(mask[i]) — TF.js's
 * `dy * step(y)` ReLU gradient, fused into the packing.
 */
struct Operand {
  const float* p;
  int ld;
  bool trans;
  const float* mask = nullptr;
};

/** After the product: bias [N] added to every row (if non-null), then ReLU (if relu). */
struct Epilogue {
  const float* bias = nullptr;
  bool relu = false;
};

/** C [M, N] = op(A) [M, K] · op(B) [K, N], then the epilogue. Uses up to `threads` threads. */
void sgemm(const Operand& a, const Operand& b, float* c, int M, int N, int K, int threads, const Epilogue& e);

/** out[i] = x[i] · step(mask[i]) (TF.js's `dy * step(y)`, same fp32 product), AVX2. */
void maskedCopy(const float* x, const float* mask, float* out, size_t n);

/** out[j] = Σ_i x[i*cols + j] · step(mask[i*cols + j]) (mask may be null), float64 accumulation. */
void colsum(const float* x, const float* mask, float* out, int rows, int cols);

}  // namespace infobed
