import * as tf from '@tensorflow/tfjs';
import { BedError } from '@infobed/core';

/** Shapes k of the Gamma part for which the density has a closed form here. */
export const SUPPORTED_GAMMA_SHAPES: readonly number[] = [1, 2];

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
/** Above this t, g(t) = 1 − t·M(t) comes from its asymptotic series (cancellation below 1e-5). */
const G_SWITCH = 8;
/** Asymptotic series of g: (1/t²) Σ_k (−1)^k (2k+1)!! / t^{2k}, k = 0..9 (relative error < 1e-8 at t ≥ 8). */
const G_SERIES = [1, -3, 15, -105, 945, -10395, 135135, -2027025, 34459425, -654729075];
/** Numerical Recipes `erfcc` polynomial: erfc(x) = u·exp(−x² + P(u)), u = 1/(1 + x/2), fractional error < 1.2e-7 for x ≥ 0. */
const ERFC_P = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];

/**
 * `a` where `mask` = 1, `b` where it is 0, as `a·mask + b·(1 − mask)` (exact for a 0/1 mask). Unlike
 * `tf.where`, nothing on the tape lacks a gradient (`Less` has none); both branches must be finite.
 */
function select(mask: tf.Tensor, a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  return tf.add(tf.mul(a, mask), tf.mul(b, tf.sub(1, mask)));
}

function horner(u: tf.Tensor, coeffs: readonly number[]): tf.Tensor {
  let acc: tf.Tensor = tf.scalar(coeffs[coeffs.length - 1]!);
  for (let i = coeffs.length - 2; i >= 0; i--) acc = tf.add(tf.mul(acc, u), coeffs[i]!);
  return acc;
}

/** log φ(z), the standard normal log density. */
function logPhi(z: tf.Tensor): tf.Tensor {
  return tf.sub(tf.mul(-0.5, tf.square(z)), HALF_LOG_2PI);
}

/**
 * Mills ratio M(t) = Q(t)/φ(t) = √(π/2)·erfcx(t/√2) for t ≥ 0 (relative error ≈ 1e-7; no
 * underflow: M(t) → 1/t). Any shape.
 */
function millsRatio(t: tf.Tensor): tf.Tensor {
  const x = tf.mul(t, Math.SQRT1_2);
  const u = tf.div(1, tf.add(1, tf.mul(0.5, x)));
  return tf.mul(Math.sqrt(Math.PI / 2), tf.mul(u, tf.exp(horner(u, ERFC_P))));
}

/**
 * g(t) = 1 − t·M(t) = ∫₀^∞ v e^{−tv − v²/2} dv for t ≥ 0: 1 at 0, ~1/t² for large t. Direct below
 * `G_SWITCH`, asymptotic series above; each branch only sees its own range, so the gradient of
 * the selection stays finite.
 */
function gFn(t: tf.Tensor): tf.Tensor {
  const tLo = tf.minimum(t, G_SWITCH);
  const direct = tf.sub(1, tf.mul(tLo, millsRatio(tLo)));
  const tHi = tf.maximum(t, G_SWITCH);
  const inv2 = tf.div(1, tf.square(tHi));
  const series = tf.mul(inv2, horner(inv2, G_SERIES));
  return select(tf.step(tf.sub(G_SWITCH, t)), direct, series); // t < G_SWITCH → direct
}

/**
 * log J_k(z) with J_k(z) = ∫₀^∞ v^{k−1} φ(v − z) dv (k = 1, 2), stable for every z:
 * - J₁ = Φ(z): z < 0 → log φ(z) + log M(−z); z ≥ 0 → log(1 − φ(z)·M(z)).
 * - J₂ = zΦ(z) + φ(z): z < 0 → log φ(z) + log g(−z); z ≥ 0 → log(z + φ(z)·g(z)).
 */
function logJ(z: tf.Tensor, k: number): tf.Tensor {
  const neg = tf.step(tf.neg(z)); // 1 where z < 0; tf.step has a (zero) gradient
  const zPos = tf.maximum(z, 0);
  const tNeg = tf.maximum(tf.neg(z), 0);
  const phiPos = tf.exp(logPhi(zPos));
  if (k === 1) {
    const left = tf.add(logPhi(z), tf.log(millsRatio(tNeg)));
    const right = tf.log1p(tf.neg(tf.mul(phiPos, millsRatio(zPos))));
    return select(neg, left, right);
  }
  const left = tf.add(logPhi(z), tf.log(gFn(tNeg)));
  const right = tf.log(tf.add(zPos, tf.mul(phiPos, gFn(zPos))));
  return select(neg, left, right);
}

/**
 * Elementwise log density of x = ε + ν, ε ~ N(0, s²), ν ~ Gamma(shape k, scale θ) (rate λ = 1/θ),
 * for k ∈ {1, 2} (k = 2, θ = 2 is the GradBED noisy-linear noise). With μ = x − λs², z = μ/s:
 *
 *   p(x) = λ^k s^{k−1}/Γ(k) · exp(−λx + λ²s²/2) · J_k(z),   J_k(z) = ∫₀^∞ v^{k−1} φ(v − z) dv,
 *
 * so for k = 2: log p(x) = 2 log λ − λx + λ²s²/2 + log(μΦ(μ/s) + sφ(μ/s)). (Complete the square in
 * ∫₀^∞ λ² g e^{−λg} φ_s(x − g) dg.) Finite value and gradient for every finite x (float32).
 * @param x any shape; @returns the same shape.
 * @throws BedError('invalidArgument') for another shape k.
 */
export function gaussianGammaLogPdf(x: tf.Tensor, s: number, shape: number, scale: number): tf.Tensor {
  if (!SUPPORTED_GAMMA_SHAPES.includes(shape)) {
    throw new BedError('invalidArgument', `noisy-linear: logLikelihood: gammaShape ${shape} has no closed-form density here (supported: ${SUPPORTED_GAMMA_SHAPES.join(', ')})`);
  }
  const lambda = 1 / scale;
  // log(λ^k s^{k−1} / Γ(k)) + λ²s²/2; Γ(1) = Γ(2) = 1.
  const constant = shape * Math.log(lambda) + (shape - 1) * Math.log(s) + 0.5 * (lambda * s) ** 2;
  return tf.tidy(() => {
    const z = tf.div(tf.sub(x, lambda * s * s), s);
    return tf.add(tf.sub(constant, tf.mul(lambda, x)), logJ(z, shape));
  });
}
