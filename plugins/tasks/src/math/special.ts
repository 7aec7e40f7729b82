/** Float64 special functions for the task truths and densities (no dependencies). */

const SQRT_PI = Math.sqrt(Math.PI);

/** erf(x): Taylor series for |x| < 2.5, else 1 − erfc from its continued fraction (|error| < 1e-13). */
export function erf(x: number): number {
  if (Math.abs(x) >= 2.5) return Math.sign(x) * (1 - erfcLarge(Math.abs(x)));
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / SQRT_PI) * sum;
}

/** erfc(x) for x ≥ 2.5: Lentz's continued fraction `e^{−x²}/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + …))))`. */
function erfcLarge(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (SQRT_PI * f);
}

/** erfc(x) without cancellation for large positive x. */
export function erfc(x: number): number {
  return x >= 2.5 ? erfcLarge(x) : 1 - erf(x);
}

/** Standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** log φ(x) of the standard normal density. */
export const logNormalPdf = (x: number): number => -0.5 * x * x - 0.5 * Math.log(2 * Math.PI);

const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const poly = (c: readonly number[], x: number): number => c.reduce((acc, v) => acc * x + v, 0);

/** Φ⁻¹(p), p ∈ (0, 1): Acklam's rational approximation refined by two Halley steps. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : Number.NaN;
  let x: number;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = poly(C, q) / (poly(D, q) * q + 1);
  } else if (p > 1 - 0.02425) {
    const q = Math.sqrt(-2 * Math.log1p(-p));
    x = -poly(C, q) / (poly(D, q) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = (poly(A, r) * q) / (poly(B, r) * r + 1);
  }
  for (let k = 0; k < 2; k++) {
    const e = normalCdf(x) - p;
    const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
    x -= u / (1 + (x * u) / 2);
  }
  return x;
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** log Γ(x) for x > 0 (Lanczos, g = 7; relative error ≈ 1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ψ(x) = d/dx log Γ(x) for x > 0: recurrence up to x ≥ 10, then the asymptotic series. */
export function digamma(x: number): number {
  let acc = 0;
  let v = x;
  while (v < 10) {
    acc -= 1 / v;
    v += 1;
  }
  const inv2 = 1 / (v * v);
  return acc + Math.log(v) - 0.5 / v - inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 / 132))));
}

/** The x in [lo, hi] with f(x) = target for an increasing f (bisection to |hi − lo| ≤ tol). */
export function invertIncreasing(f: (x: number) => number, target: number, lo: number, hi: number, tol = 1e-12): number {
  let a = lo;
  let b = hi;
  while (b - a > tol) {
    const m = 0.5 * (a + b);
    if (m <= a || m >= b) break;
    if (f(m) < target) a = m;
    else b = m;
  }
  return 0.5 * (a + b);
}
