import type { Rng } from '@infobed/core';
import type { PkOptions } from './pkOptions.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
/** The same guard as `pkCurve` (k_a ≈ k_e). */
const MIN_RATE_GAP = 1e-6;

/** f(t; θ) = (D/V)·k_a/(k_a − k_e)·(e^{−k_e t} − e^{−k_a t}) in float64 (the same guard as `pkCurve`). */
export function pkMean64(ka: number, ke: number, v: number, t: number, dose: number): number {
  const gap = Math.abs(ka - ke) < MIN_RATE_GAP ? MIN_RATE_GAP : ka - ke;
  return ((dose * ka) / (v * gap)) * (Math.exp(-ke * t) - Math.exp(-ka * t));
}

/**
 * log p(y | θ, t) of the PK model in float64 (the same density as `PharmacokineticSimulator.logLikelihood`):
 * Σ_t log N(y_t; f(t; θ), σ_ε² f² + σ_ν²).
 * @param y `[T]` observations; @param times `[T]` hours.
 */
export function pkLogLikelihood64(y: ArrayLike<number>, ka: number, ke: number, v: number, times: ArrayLike<number>, o: PkOptions): number {
  const gap = Math.abs(ka - ke) < MIN_RATE_GAP ? MIN_RATE_GAP : ka - ke;
  const scale = (o.dose * ka) / (v * gap);
  let ll = -times.length * HALF_LOG_2PI;
  for (let j = 0; j < times.length; j++) {
    const t = times[j]!;
    const f = scale * (Math.exp(-ke * t) - Math.exp(-ka * t));
    const varj = o.multiplicativeVar * f * f + o.additiveVar;
    const r = y[j]! - f;
    ll -= 0.5 * ((r * r) / varj + Math.log(varj));
  }
  return ll;
}

/** Per-outer-sample sPCE / sNMC terms of each design (the layout of `@infobed/evaluate`'s `NestedTerms`). */
export interface PkTerms64 {
  /** `[N]`: log p(y|θ₀) − log((1/(L+1)) Σ_{l=0..L} p(y|θ_l)). */
  readonly spce: Float64Array;
  /** `[N]`: log p(y|θ₀) − log((1/L) Σ_{l=1..L} p(y|θ_l)). */
  readonly snmc: Float64Array;
}

/** One prior draw (k_a, k_e, V) from `rng` (log θ ~ N(μ₀, σ₀² I)), written into `out`. */
function drawTheta(rng: Rng, o: PkOptions, out: Float64Array): void {
  const sd = Math.sqrt(o.priorLogVar);
  for (let k = 0; k < 3; k++) out[k] = Math.exp(o.priorLogMean[k]! + sd * rng.normal());
}

/**
 * sPCE / sNMC terms (Foster et al. 2021) of several static PK designs, entirely in float64 and on
 * common random numbers: every design sees the same θ₀ₙ, the same standard-normal noise zₙ and
 * the same L inner prior draws per outer sample (drawn once, scored under every design), so
 * paired differences between designs are far tighter than each value's s.e. Plain JavaScript, no
 * tensors: this is the precise evaluator behind docs/simulators.md "PK: the 3.15-nat target"
 * (N in the tens of thousands, which the generic tensor loop of `nestedTerms` makes slow).
 * @param designs `[D][T]` sampling times in hours.
 */
export function pkNestedTerms64(designs: readonly (readonly number[])[], o: PkOptions, outer: number, inner: number, rng: Rng): PkTerms64[] {
  const T = o.T;
  for (const d of designs) if (d.length !== T) throw new RangeError(`pkNestedTerms64: every design needs T = ${T} times, got ${d.length}`);
  const out = designs.map(() => ({ spce: new Float64Array(outer), snmc: new Float64Array(outer) }));
  const rOuter = rng.fork('eig-outer');
  const rNoise = rng.fork('eig-noise');
  const rInner = rng.fork('eig-inner');
  const theta0 = new Float64Array(3);
  const theta = new Float64Array(3);
  const ys = designs.map(() => new Float64Array(T));
  const ll0 = new Float64Array(designs.length);
  const max = new Float64Array(designs.length);
  const sum = new Float64Array(designs.length);
  const z = new Float64Array(T);
  for (let n = 0; n < outer; n++) {
    drawTheta(rOuter, o, theta0);
    for (let j = 0; j < T; j++) z[j] = rNoise.normal();
    designs.forEach((d, i) => {
      const y = ys[i]!;
      const [ka, ke, v] = [theta0[0]!, theta0[1]!, theta0[2]!];
      for (let j = 0; j < T; j++) {
        const f = pkMean64(ka, ke, v, d[j]!, o.dose);
        y[j] = f + Math.sqrt(o.multiplicativeVar * f * f + o.additiveVar) * z[j]!;
      }
      ll0[i] = pkLogLikelihood64(y, ka, ke, v, d, o);
      max[i] = -Infinity;
      sum[i] = 0;
    });
    for (let l = 0; l < inner; l++) {
      drawTheta(rInner, o, theta);
      for (let i = 0; i < designs.length; i++) {
        const a = pkLogLikelihood64(ys[i]!, theta[0]!, theta[1]!, theta[2]!, designs[i]!, o);
        // Streaming log-sum-exp over the inner samples.
        if (a > max[i]!) {
          sum[i] = sum[i]! * Math.exp(max[i]! - a) + 1;
          max[i] = a;
        } else sum[i]! += Math.exp(a - max[i]!);
      }
    }
    for (let i = 0; i < designs.length; i++) {
      const lseInner = max[i]! + Math.log(sum[i]!);
      const hi = Math.max(lseInner, ll0[i]!);
      const lseAll = hi + Math.log(Math.exp(lseInner - hi) + Math.exp(ll0[i]! - hi));
      out[i]!.spce[n] = ll0[i]! - (lseAll - Math.log(inner + 1));
      out[i]!.snmc[n] = ll0[i]! - (lseInner - Math.log(inner));
    }
  }
  return out;
}
