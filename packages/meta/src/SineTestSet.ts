import { BedError, Rng } from '@infobed/core';
import { sampleSineEpisode, sineValue, slicePoints, type SineEpisode, type SupportQuery } from './SineFamily.js';

/** The evaluation shots (specs/meta-learning.md §4). */
export const TEST_SHOTS = [1, 2, 3, 5, 10, 20] as const;

/**
 * A fixed evaluation set: `tasks` sine tasks, each with one draw of `maxShots` support inputs (the
 * K-shot support is the first K of them, so supports are nested) and `queries` query inputs with
 * noise-free targets. Every method is evaluated on exactly these tasks, supports and queries.
 */
export class SineTestSet {
  private constructor(
    /** `maxShots` support points per task. */
    readonly supports: SineEpisode,
    /** `queries` query points per task, targets noise-free. */
    readonly queries: SineEpisode,
  ) {}

  /**
   * Draws the set from `rng`, which must be a stream used for nothing else (e.g.
   * `new Rng(testSeed).fork('sine/test')`). Support outputs get `noiseStd` noise; queries none.
   */
  static sample(rng: Rng, tasks = 600, maxShots = 20, queries = 100, noiseStd = 0): SineTestSet {
    for (const [name, v] of [['tasks', tasks], ['maxShots', maxShots], ['queries', queries]] as const) {
      if (!Number.isInteger(v) || v < 1) throw new BedError('invalidArgument', `SineTestSet: ${name}: expected an integer ≥ 1, got ${v}`);
    }
    const supports = sampleSineEpisode(rng.fork('support'), tasks, maxShots, noiseStd);
    const q = sampleSineEpisode(rng.fork('query'), tasks, queries);
    // Same tasks for the queries: recompute targets with the support draw's amplitude and phase.
    const y = new Float32Array(q.x.length);
    for (let t = 0; t < tasks; t++) {
      for (let i = 0; i < queries; i++) y[t * queries + i] = sineValue(supports.amplitude[t]!, supports.phase[t]!, q.x[t * queries + i]!);
    }
    return new SineTestSet(supports, { ...q, amplitude: supports.amplitude, phase: supports.phase, y });
  }

  get tasks(): number {
    return this.supports.tasks;
  }

  get maxShots(): number {
    return this.supports.points;
  }

  /** The K-shot view: the first `k` support points of each task, and all queries. */
  shots(k: number): SupportQuery {
    if (!Number.isInteger(k) || k < 1 || k > this.maxShots) {
      throw new BedError('invalidArgument', `SineTestSet.shots: k: expected an integer in [1, ${this.maxShots}], got ${k}`);
    }
    return { support: slicePoints(this.supports, 0, k), query: this.queries };
  }

  /** The first `n` tasks only (qualitative plots), same supports and queries. */
  head(n: number): SineTestSet {
    const cut = (e: SineEpisode): SineEpisode => ({
      tasks: n,
      points: e.points,
      amplitude: e.amplitude.slice(0, n),
      phase: e.phase.slice(0, n),
      x: e.x.slice(0, n * e.points),
      y: e.y.slice(0, n * e.points),
    });
    return new SineTestSet(cut(this.supports), cut(this.queries));
  }
}

/** Per-task MSE `[T]` of predictions `pred` `[T·n]` against `e.y`. */
export function perTaskMse(e: SineEpisode, pred: ArrayLike<number>): Float64Array {
  const out = new Float64Array(e.tasks);
  for (let t = 0; t < e.tasks; t++) {
    let s = 0;
    for (let i = 0; i < e.points; i++) s += (pred[t * e.points + i]! - e.y[t * e.points + i]!) ** 2;
    out[t] = s / e.points;
  }
  return out;
}

/** Mean, sample std and `CI95 = 1.96·std/√N` of per-task values. */
export function summarise(values: ArrayLike<number>): { mean: number; std: number; ci95: number; tasks: number } {
  const n = values.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += values[i]!;
  m /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (values[i]! - m) ** 2;
  const std = n > 1 ? Math.sqrt(v / (n - 1)) : 0;
  return { mean: m, std, ci95: (1.96 * std) / Math.sqrt(n), tasks: n };
}
