import * as tf from '@tensorflow/tfjs';
import { BedError, type ProgressReporter, type Rng, type SequentialSimulator } from '@infobed/core';
import { meanStderr } from '@infobed/evaluate';
import type { Rollout } from './RolloutSet.js';

/** sPCE (lower) and sNMC (upper) of the total EIG of the first t measurements, t = 1..T. */
export interface PrefixBracket {
  readonly t: number;
  readonly spce: number;
  readonly spceStderr: number;
  readonly snmc: number;
  readonly snmcStderr: number;
}

export interface RolloutEvaluation {
  /** N rollouts, L inner samples each. */
  readonly rollouts: number;
  readonly inner: number;
  /** One entry per prefix length; the last is the total EIG of the experiment. */
  readonly byT: PrefixBracket[];
  /** `[N]` sPCE terms of the whole history (for paired comparisons). */
  readonly terms: Float64Array;
}

export interface EvaluateRolloutOptions {
  /** L: fresh prior samples per rollout. */
  readonly inner: number;
  /** Inner samples per likelihood call (bounds memory: `chunk` floats per step). */
  readonly chunk?: number;
  readonly progress?: ProgressReporter;
  readonly label?: string;
}

/**
 * sPCE/sNMC bracket of a set of rollouts (θ₀, ξ_1:T, y_1:T) (specs/adaptive.md §4): for each
 * rollout, L fresh inner prior samples (stream `eig-inner`, as `@infobed/evaluate`), so the N
 * terms are i.i.d. and s.e. = sd/√N. Needs only the rollouts, not the policy. Log-likelihoods
 * are summed and log-sum-exped in float64 (with the step model's float64 CPU path when it has
 * one, else its tensor `logLikelihood`); memory is bounded by `chunk`.
 */
export function evaluateRollouts(sim: SequentialSimulator, rollouts: readonly Rollout[], o: EvaluateRolloutOptions, rng: Rng): RolloutEvaluation {
  const { inner: L } = o;
  if (!Number.isInteger(L) || L < 1) throw new BedError('invalidArgument', `evaluate: inner: expected an integer ≥ 1, got ${L}`);
  if (rollouts.length < 2) throw new BedError('invalidArgument', `evaluate: rollouts: expected at least 2, got ${rollouts.length}`);
  const chunk = Math.min(o.chunk ?? 25_000, L);
  const T = rollouts[0]!.designs.length;
  const N = rollouts.length;
  const rInner = rng.fork('eig-inner');
  const spce = Array.from({ length: T }, () => new Float64Array(N));
  const snmc = Array.from({ length: T }, () => new Float64Array(N));
  const task = o.progress?.start(o.label ?? 'evaluate rollouts', N);
  const ll0 = new Float64Array(T);
  // Running log-sum-exp per prefix: max and scaled sum over the inner samples seen so far.
  const mx = new Float64Array(T);
  const sm = new Float64Array(T);
  try {
    rollouts.forEach((r, i) => {
      const ys = r.observations.map((y) => tf.tensor2d([y]));
      const ds = r.designs.map((d) => tf.tensor2d([d]));
      try {
        const theta0 = tf.tensor2d([r.theta]);
        let acc = 0;
        for (let t = 0; t < T; t++) {
          const v = tf.tidy(() => sim.step.pairedLogLikelihood(ys[t]!, theta0, ds[t]!)).dataSync()[0]!;
          acc += v;
          ll0[t] = acc;
        }
        theta0.dispose();
        if (!Number.isFinite(acc)) throw new BedError('numerical', `evaluate: log p(h|θ₀) is ${acc} for rollout ${i} of "${sim.id}"`);
        mx.fill(-Infinity);
        sm.fill(0);
        for (let from = 0; from < L; from += chunk) {
          const c = Math.min(chunk, L - from);
          const cum = new Float64Array(c);
          const thetas = sim.samplePrior(c, rInner);
          const cpu = sim.step.accumulateLogLikelihood?.bind(sim.step);
          const flat = cpu ? (thetas.dataSync() as Float32Array) : undefined;
          for (let t = 0; t < T; t++) {
            if (cpu) cpu(r.observations[t]!, flat!, r.designs[t]!, cum);
            else {
              const ll = tf.tidy(() => sim.step.logLikelihood(ys[t]!, thetas, ds[t]!));
              const a = ll.dataSync();
              ll.dispose();
              for (let k = 0; k < c; k++) cum[k]! += a[k]!;
            }
            let m = mx[t]!;
            for (let k = 0; k < c; k++) if (cum[k]! > m) m = cum[k]!;
            let s = mx[t] === -Infinity ? 0 : sm[t]! * Math.exp(mx[t]! - m);
            for (let k = 0; k < c; k++) s += Math.exp(cum[k]! - m);
            mx[t] = m;
            sm[t] = s;
          }
          thetas.dispose();
        }
        for (let t = 0; t < T; t++) {
          const lseInner = mx[t]! + Math.log(sm[t]!);
          const m = Math.max(lseInner, ll0[t]!);
          const lseAll = m + Math.log(Math.exp(lseInner - m) + Math.exp(ll0[t]! - m));
          spce[t]![i] = ll0[t]! - (lseAll - Math.log(L + 1));
          snmc[t]![i] = ll0[t]! - (lseInner - Math.log(L));
        }
      } finally {
        tf.dispose([...ys, ...ds]);
      }
      if (i % 20 === 0) task?.update(i);
    });
  } finally {
    task?.stop();
  }
  const byT = spce.map((s, t) => {
    const lo = meanStderr(s);
    const hi = meanStderr(snmc[t]!);
    return { t: t + 1, spce: lo.mean, spceStderr: lo.stderr, snmc: hi.mean, snmcStderr: hi.stderr };
  });
  return { rollouts: N, inner: L, byT, terms: spce[T - 1]! };
}
