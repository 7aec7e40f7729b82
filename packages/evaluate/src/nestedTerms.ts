import * as tf from '@tensorflow/tfjs';
import { BedError, type Rng, type Simulator } from '@infobed/core';
import type { NestedOptions } from './EigEstimate.js';

/** Per-outer-sample terms of the sPCE (lower) and sNMC (upper) estimators, float64. */
export interface NestedTerms {
  /** `[N]`: log p(y|θ₀) − log((1/(L+1)) Σ_{l=0..L} p(y|θ_l)). */
  readonly spce: Float64Array;
  /** `[N]`: log p(y|θ₀) − log((1/L) Σ_{l=1..L} p(y|θ_l)). */
  readonly snmc: Float64Array;
}

/** Throws `invalidArgument` naming the field unless `v` is an integer ≥ `min`. */
export function checkCount(v: unknown, field: string, min: number): asserts v is number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new BedError('invalidArgument', `evaluate: ${field}: expected an integer ≥ ${min}, got ${String(v)}`);
  }
}

/** log Σ exp(a[from..]) in float64, optionally including one extra term. */
function logSumExp(a: Float32Array, from: number, extra?: number): number {
  let m = extra ?? -Infinity;
  for (let i = from; i < a.length; i++) if (a[i]! > m) m = a[i]!;
  if (m === -Infinity) return -Infinity;
  let s = extra === undefined ? 0 : Math.exp(extra - m);
  for (let i = from; i < a.length; i++) s += Math.exp(a[i]! - m);
  return m + Math.log(s);
}

/**
 * Draws N outer pairs (θ₀ₙ, yₙ) and, for each, L fresh inner prior samples, and returns the sPCE
 * and sNMC terms (Foster et al. 2021, `idad : estimators/mi.py`; specs/simulators.md §5–§6).
 * Streams are forked from `rng` by label (`eig-outer`, `eig-noise`, `eig-inner`), so two designs
 * evaluated with the same seed share every random number (common random numbers).
 * Log-sum-exp over the inner samples is done in float64. Leaks no tensors.
 */
export function nestedTerms(sim: Simulator, design: readonly number[], opts: NestedOptions, rng: Rng): NestedTerms {
  if (!sim.logLikelihood) {
    throw new BedError('invalidArgument', `evaluate: simulator "${sim.id}" has no explicit likelihood; nested Monte Carlo needs one (use method "analytic" where a closed form exists)`);
  }
  checkCount(opts.outer, 'outer', 2);
  checkCount(opts.inner, 'inner', 1);
  sim.designSpace.validate(design, 'design');
  const { outer: n, inner: l } = opts;
  const rOuter = rng.fork('eig-outer');
  const rNoise = rng.fork('eig-noise');
  const rInner = rng.fork('eig-inner');
  const d = tf.tensor1d(design as number[]);
  const theta0 = sim.samplePrior(n, rOuter);
  const noise = sim.sampleNoise(n, rNoise);
  const y = tf.tidy(() => sim.simulate(theta0, d, noise));
  const spce = new Float64Array(n);
  const snmc = new Float64Array(n);
  const task = opts.progress?.start(`evaluate ${sim.id}`, n);
  try {
    for (let i = 0; i < n; i++) {
      const ll = tf.tidy(() => {
        const yi = tf.slice(y, [i, 0], [1, -1]) as tf.Tensor2D;
        const t0 = tf.slice(theta0, [i, 0], [1, -1]) as tf.Tensor2D;
        const inner = sim.samplePrior(l, rInner);
        return sim.logLikelihood!(yi, tf.concat([t0, inner], 0) as tf.Tensor2D, d);
      });
      const a = ll.dataSync() as Float32Array;
      ll.dispose();
      const ll0 = a[0]!;
      if (!Number.isFinite(ll0)) {
        throw new BedError('numerical', `evaluate: log p(y|θ₀) is ${ll0} for outer sample ${i} of simulator "${sim.id}"`);
      }
      spce[i] = ll0 - (logSumExp(a, 1, ll0) - Math.log(l + 1));
      snmc[i] = ll0 - (logSumExp(a, 1) - Math.log(l));
      if (i % 50 === 0) task?.update(i);
    }
  } finally {
    task?.stop();
    tf.dispose([d, theta0, y, ...Object.values(noise)]);
  }
  return { spce, snmc };
}

/** Mean and standard error (sample sd / √N) of a float64 sample. */
export function meanStderr(a: Float64Array): { mean: number; stderr: number } {
  const n = a.length;
  let s = 0;
  for (const v of a) s += v;
  const mean = s / n;
  let ss = 0;
  for (const v of a) ss += (v - mean) ** 2;
  return { mean, stderr: Math.sqrt(ss / (n - 1) / n) };
}
