import type { Rng } from '@infobed/core';

/**
 * Systematic resampling: R indices with counts N_k ∈ {⌊R w_k⌋, ⌈R w_k⌉}, one uniform offset.
 * @param logWeights `[M]` normalised log weights.
 */
export function systematicResample(logWeights: Float64Array, r: number, rng: Rng): Int32Array {
  const out = new Int32Array(r);
  const u0 = rng.uniform() / r;
  let cum = Math.exp(logWeights[0]!);
  let k = 0;
  for (let i = 0; i < r; i++) {
    const u = u0 + i / r;
    while (u > cum && k < logWeights.length - 1) {
      k++;
      cum += Math.exp(logWeights[k]!);
    }
    out[i] = k;
  }
  return out;
}
