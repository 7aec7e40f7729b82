import { sineValue, type SineEpisode } from '../SineFamily.js';
import { perTaskMse, summarise, type SineTestSet } from '../SineTestSet.js';
import type { FewShotLearner } from './FewShotLearner.js';

/** One row of the test table (specs/cli.md `infobed meta` result). */
export interface MseRow {
  readonly shots: number;
  /** MAML only: inner SGD steps at test time. */
  readonly steps?: number;
  readonly mean: number;
  readonly std: number;
  /** `1.96·std/√tasks`. */
  readonly ci95: number;
  readonly tasks: number;
}

/** Predictions for one held-out task on a dense grid, for the qualitative panel. */
export interface ExampleFit {
  readonly task: number;
  readonly amplitude: number;
  readonly phase: number;
  readonly shots: number;
  readonly supportX: number[];
  readonly supportY: number[];
  readonly gridX: number[];
  readonly truth: number[];
  /** label (`"metaflo"`, `"maml 0 steps"`, …) → predictions on `gridX`. */
  readonly fits: Record<string, number[]>;
}

const CHUNK = 100;

/** Runs `predict` over task chunks (bounded memory) and concatenates per step. */
function predictChunked(learner: FewShotLearner, support: SineEpisode, query: SineEpisode, maxSteps: number): Float32Array[] {
  const out: Float32Array[] = [];
  for (let t0 = 0; t0 < support.tasks; t0 += CHUNK) {
    const n = Math.min(CHUNK, support.tasks - t0);
    const cut = (e: SineEpisode): SineEpisode => ({
      ...e,
      tasks: n,
      x: e.x.subarray(t0 * e.points, (t0 + n) * e.points),
      y: e.y.subarray(t0 * e.points, (t0 + n) * e.points),
    });
    const parts = learner.predict(cut(support), cut(query), maxSteps);
    parts.forEach((p, s) => {
      out[s] ??= new Float32Array(query.tasks * query.points);
      out[s]!.set(p, t0 * query.points);
    });
  }
  return out;
}

/**
 * Test MSE on the fixed set for every K in `shots`: MAML rows for 0…`maxSteps` inner steps,
 * Meta-FLO / CNP one row per K (`steps` absent).
 */
export function evaluateLearner(learner: FewShotLearner, test: SineTestSet, shots: readonly number[], maxSteps: number): MseRow[] {
  const rows: MseRow[] = [];
  const isMaml = learner.method === 'maml' || learner.method === 'fomaml';
  for (const k of shots) {
    const { support, query } = test.shots(k);
    const preds = predictChunked(learner, support, query, maxSteps);
    preds.forEach((p, steps) => rows.push({ shots: k, ...(isMaml ? { steps } : {}), ...summarise(perTaskMse(query, p)) }));
  }
  return rows;
}

/** Validation MSE: mean query MSE on fixed validation tasks after the training-time adaptation (`steps`). */
export function validationMse(learner: FewShotLearner, support: SineEpisode, query: SineEpisode, steps: number): number {
  const preds = learner.predict(support, query, steps);
  return summarise(perTaskMse(query, preds[preds.length - 1]!)).mean;
}

/** Fits on a 200-point grid for the first `n` test tasks at K = `shots` (MAML: 0, 1 and `maxSteps` steps). */
export function exampleFits(learner: FewShotLearner, test: SineTestSet, n: number, shots: number, maxSteps: number): ExampleFit[] {
  if (n === 0) return [];
  const head = test.head(n);
  const { support } = head.shots(shots);
  const grid = Array.from({ length: 200 }, (_, i) => -5 + (10 * i) / 199);
  const gx = new Float32Array(n * grid.length);
  const gy = new Float32Array(n * grid.length);
  for (let t = 0; t < n; t++) {
    grid.forEach((x, i) => {
      gx[t * grid.length + i] = x;
      gy[t * grid.length + i] = sineValue(head.supports.amplitude[t]!, head.supports.phase[t]!, x);
    });
  }
  const query: SineEpisode = { tasks: n, points: grid.length, amplitude: head.supports.amplitude, phase: head.supports.phase, x: gx, y: gy };
  const preds = learner.predict(support, query, maxSteps);
  const isMaml = learner.method === 'maml' || learner.method === 'fomaml';
  const labelled: [string, Float32Array][] = isMaml
    ? [0, 1, maxSteps].map((s) => [`${learner.method} ${s} step${s === 1 ? '' : 's'}`, preds[s]!] as [string, Float32Array])
    : [[learner.method, preds[0]!]];
  return Array.from({ length: n }, (_, t) => ({
    task: t,
    amplitude: head.supports.amplitude[t]!,
    phase: head.supports.phase[t]!,
    shots,
    supportX: Array.from(support.x.subarray(t * shots, (t + 1) * shots)),
    supportY: Array.from(support.y.subarray(t * shots, (t + 1) * shots)),
    gridX: grid,
    truth: Array.from(gy.subarray(t * grid.length, (t + 1) * grid.length)),
    fits: Object.fromEntries(labelled.map(([l, p]) => [l, Array.from(p.subarray(t * grid.length, (t + 1) * grid.length))])),
  }));
}
