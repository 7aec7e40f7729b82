import type { VegaLiteSpec } from '@infobed/plot';
import { ZERO_PREDICTOR_MSE } from '../SineFamily.js';
import type { ExampleFit, MseRow } from './evaluateLearner.js';
import type { CurvePoint, MetaResult } from './runMeta.js';

/** Rows of the MSE-vs-shots chart: Meta-FLO / CNP as is, MAML at its headline step counts. */
export function shotSeries(r: Pick<MetaResult, 'method' | 'mse'>, steps: readonly number[] = [1, 10]): { series: string; shots: number; mean: number; lo: number; hi: number }[] {
  return r.mse
    .filter((m: MseRow) => m.steps === undefined || steps.includes(m.steps))
    .map((m) => ({
      series: m.steps === undefined ? r.method : `${r.method} ${m.steps} step${m.steps === 1 ? '' : 's'}`,
      shots: m.shots,
      mean: m.mean,
      lo: m.mean - m.ci95,
      hi: m.mean + m.ci95,
    }));
}

const rule = (y: number, label: string): Record<string, unknown>[] => [
  { data: { values: [{ y }] }, mark: { type: 'rule', strokeDash: [6, 4], color: '#666' }, encoding: { y: { field: 'y', type: 'quantitative' } } },
  {
    data: { values: [{ y, label }] },
    mark: { type: 'text', align: 'left', dx: 4, dy: -6, x: 0, color: '#444', fontSize: 11 },
    encoding: { y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } },
  },
];

/**
 * Test MSE vs shots K (log x), mean ± CI95 per series; zero-predictor (4.25) and oracle (0) rules.
 * The y axis is clipped at `yMax` (default 5): a diverging series (MAML, 10 steps at K = 1) is
 * drawn at the top edge instead of flattening the others; the CSV keeps the real values.
 */
export function mseVsShotsChart(rows: ReturnType<typeof shotSeries>, title: string, yMax = 5): VegaLiteSpec {
  const x = { field: 'shots', type: 'quantitative', title: 'support points K', scale: { type: 'log', domain: [1, 20] } };
  const yTitle = `test MSE, mean ± CI95 (600 tasks, 100 queries; clipped at ${yMax})`;
  const scale = { domain: [0, yMax], clamp: true };
  return {
    title,
    width: 520,
    height: 320,
    layer: [
      {
        data: { values: rows },
        layer: [
          { mark: { type: 'line', point: true }, encoding: { x, y: { field: 'mean', type: 'quantitative', title: yTitle, scale }, color: { field: 'series', type: 'nominal' } } },
          { mark: { type: 'errorbar', ticks: true }, encoding: { x, y: { field: 'lo', type: 'quantitative', title: yTitle, scale }, y2: { field: 'hi' }, color: { field: 'series', type: 'nominal' } } },
        ],
      },
      ...rule(ZERO_PREDICTOR_MSE, 'zero predictor 4.25'),
      ...rule(0, 'oracle 0'),
    ],
  };
}

/** Validation MSE vs iteration and, when present, Î_FLO vs iteration (stacked). */
export function trainingCurveChart(curves: { method: string; curve: CurvePoint[] }[], title: string): VegaLiteSpec {
  const val = curves.flatMap((c) => c.curve.map((p) => ({ method: c.method, iteration: p.iteration, value: p.validationMse })));
  const mi = curves.flatMap((c) => c.curve.filter((p) => p.mi !== undefined).map((p) => ({ method: c.method, iteration: p.iteration, value: p.mi })));
  const panel = (values: unknown[], y: string): Record<string, unknown> => ({
    width: 520,
    height: 220,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'iteration', type: 'quantitative' },
      y: { field: 'value', type: 'quantitative', title: y, scale: { zero: false } },
      color: { field: 'method', type: 'nominal' },
    },
  });
  const panels = [panel(val, 'validation MSE (100 fixed tasks)')];
  if (mi.length > 0) panels.push(panel(mi, 'Î_FLO(point; task embedding), nats'));
  return { title, vconcat: panels };
}

/** Held-out tasks: true sine (dashed), each method's fit, support points; one panel per task. */
export function fitsChart(examples: ExampleFit[], title: string): VegaLiteSpec {
  const lines = examples.flatMap((e) => [
    ...e.gridX.map((x, i) => ({ task: `task ${e.task} (A=${e.amplitude.toFixed(2)}, φ=${e.phase.toFixed(2)})`, x, y: e.truth[i], series: 'true sine' })),
    ...Object.entries(e.fits).flatMap(([label, ys]) => e.gridX.map((x, i) => ({ task: `task ${e.task} (A=${e.amplitude.toFixed(2)}, φ=${e.phase.toFixed(2)})`, x, y: ys[i], series: label }))),
  ]);
  const points = examples.flatMap((e) => e.supportX.map((x, i) => ({ task: `task ${e.task} (A=${e.amplitude.toFixed(2)}, φ=${e.phase.toFixed(2)})`, x, y: e.supportY[i], series: `support (K=${e.shots})` })));
  return {
    title,
    data: { values: [...lines, ...points] },
    facet: { field: 'task', type: 'nominal', title: null },
    columns: 2,
    spec: {
      width: 300,
      height: 180,
      layer: [
        {
          transform: [{ filter: "datum.series !== 'true sine' && indexof(datum.series, 'support') < 0" }],
          mark: { type: 'line', strokeWidth: 1.5 },
          encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, color: { field: 'series', type: 'nominal' } },
        },
        {
          transform: [{ filter: "datum.series === 'true sine'" }],
          mark: { type: 'line', strokeDash: [5, 3], color: 'black' },
          encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
        },
        {
          transform: [{ filter: "indexof(datum.series, 'support') >= 0" }],
          mark: { type: 'point', filled: true, size: 60, color: 'black' },
          encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
        },
      ],
    },
  };
}

/** One point of the adaptation-curve chart: a MAML-type method after `steps` inner steps at K = `shots`. */
export interface AdaptationPoint {
  readonly series: string;
  readonly shots: number;
  readonly steps: number;
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
}

/** A horizontal reference of the adaptation chart: an amortised method's test MSE at K = `shots` (no steps). */
export interface AdaptationReference {
  readonly series: string;
  readonly shots: number;
  readonly mean: number;
}

/**
 * Splits results into adaptation curves (MAML / FOMAML rows with `steps`, every step count) and
 * horizontal references (Meta-FLO / CNP rows, one per K), restricted to `shots` when given.
 */
export function adaptationSeries(
  results: readonly Pick<MetaResult, 'method' | 'mse'>[],
  shots?: readonly number[],
): { curves: AdaptationPoint[]; references: AdaptationReference[] } {
  const keep = (k: number): boolean => shots === undefined || shots.includes(k);
  const curves: AdaptationPoint[] = [];
  const references: AdaptationReference[] = [];
  for (const r of results) {
    for (const m of r.mse) {
      if (!keep(m.shots)) continue;
      if (m.steps === undefined) references.push({ series: r.method, shots: m.shots, mean: m.mean });
      else curves.push({ series: r.method, shots: m.shots, steps: m.steps, mean: m.mean, lo: m.mean - m.ci95, hi: m.mean + m.ci95 });
    }
  }
  return { curves, references };
}

/**
 * MAML adaptation curve (specs/meta-learning.md §6.2): test MSE (mean ± CI95) vs inner SGD steps
 * 0…N, one panel per K; amortised methods (one forward pass) as dashed horizontal lines, the
 * zero predictor as a grey dotted line. y clipped at `yMax` (diverging K = 1 runs hit the top
 * edge; the CSV keeps the real values).
 */
export function adaptationCurveChart(series: ReturnType<typeof adaptationSeries>, title: string, yMax = 5): VegaLiteSpec {
  const panel = (k: number): string => `K = ${String(k).padStart(2)}`;
  const values = [
    ...series.curves.map((c) => ({ ...c, panel: panel(c.shots), kind: 'curve' })),
    ...series.references.map((r) => ({ ...r, panel: panel(r.shots), kind: 'reference' })),
    ...[...new Set([...series.curves, ...series.references].map((c) => c.shots))].map((k) => ({
      series: 'zero predictor',
      shots: k,
      mean: ZERO_PREDICTOR_MSE,
      panel: panel(k),
      kind: 'zero',
    })),
  ];
  const scale = { domain: [0, yMax], clamp: true };
  const y = { field: 'mean', type: 'quantitative', title: `test MSE ± CI95 (≤ ${yMax})`, scale };
  const x = { field: 'steps', type: 'quantitative', title: 'inner SGD steps' };
  const color = { field: 'series', type: 'nominal', title: 'method' };
  return {
    title,
    data: { values },
    facet: { field: 'panel', type: 'ordinal', title: null },
    columns: 3,
    spec: {
      width: 230,
      height: 170,
      layer: [
        { transform: [{ filter: "datum.kind === 'curve'" }], mark: { type: 'line', point: true }, encoding: { x, y, color } },
        {
          transform: [{ filter: "datum.kind === 'curve'" }],
          mark: { type: 'errorbar', ticks: true },
          encoding: { x, y: { field: 'lo', type: 'quantitative', title: y.title, scale }, y2: { field: 'hi' }, color },
        },
        { transform: [{ filter: "datum.kind === 'reference'" }], mark: { type: 'rule', strokeDash: [6, 3], strokeWidth: 2 }, encoding: { y, color } },
        { transform: [{ filter: "datum.kind === 'zero'" }], mark: { type: 'rule', strokeDash: [2, 3], color: '#888' }, encoding: { y } },
      ],
    },
  };
}

/** One run of a λ sweep: test MSE rows per K and the end-of-training Î_FLO. */
export interface LambdaSweepRow {
  readonly lambda: number;
  readonly seed: number;
  readonly shots: number;
  readonly mean: number;
  readonly ci95: number;
  /** Î_FLO (nats) averaged over the episodes since the previous validation point (the last `evalEvery`). */
  readonly miEnd: number;
  /** Validation MSE at the end of training. */
  readonly validationEnd: number;
}

/** λ-sweep rows from Meta-FLO / CNP results (λ = the run's `metaflo.lambda`, 0 for `cnp`). */
export function lambdaSweepRows(results: readonly Pick<MetaResult, 'method' | 'mse' | 'curve' | 'seed' | 'config'>[]): LambdaSweepRow[] {
  return results.flatMap((r) => {
    if (r.method !== 'metaflo' && r.method !== 'cnp') return [];
    const lambda = r.method === 'cnp' ? 0 : r.config.metaflo.lambda;
    const last = r.curve[r.curve.length - 1];
    return r.mse.map((m) => ({ lambda, seed: r.seed, shots: m.shots, mean: m.mean, ci95: m.ci95, miEnd: last?.mi ?? Number.NaN, validationEnd: last?.validationMse ?? Number.NaN }));
  });
}

/**
 * λ sweep (specs/meta-learning.md §6.5): test MSE (mean ± CI95) at each K of `shots` vs λ, and
 * the end-of-training Î_FLO vs λ; one colour per training seed. λ is an ordinal axis (λ = 0 has
 * no place on a log scale).
 */
export function lambdaSweepChart(rows: readonly LambdaSweepRow[], title: string, shots: readonly number[] = [3, 10]): VegaLiteSpec {
  const order = [...new Set(rows.map((r) => r.lambda))].sort((a, b) => a - b).map(String);
  const x = { field: 'lambdaLabel', type: 'ordinal', title: 'λ (weight of √Î_FLO)', sort: order };
  const color = { field: 'seed', type: 'nominal', title: 'training seed' };
  const withLabel = rows.map((r) => ({ ...r, lambdaLabel: String(r.lambda), lo: r.mean - r.ci95, hi: r.mean + r.ci95 }));
  const mse = shots.map((k) => ({
    width: 220,
    height: 200,
    title: `test MSE at K = ${k}`,
    data: { values: withLabel.filter((r) => r.shots === k) },
    layer: [
      { mark: { type: 'line', point: true }, encoding: { x, y: { field: 'mean', type: 'quantitative', title: 'test MSE, mean ± CI95', scale: { zero: false } }, color } },
      { mark: { type: 'errorbar', ticks: true }, encoding: { x, y: { field: 'lo', type: 'quantitative', title: 'test MSE, mean ± CI95', scale: { zero: false } }, y2: { field: 'hi' }, color } },
    ],
  }));
  const firstShot = rows[0]?.shots;
  const mi = {
    width: 220,
    height: 200,
    title: 'Î_FLO at the end of training',
    data: { values: withLabel.filter((r) => r.shots === firstShot) },
    mark: { type: 'line', point: true },
    encoding: { x, y: { field: 'miEnd', type: 'quantitative', title: 'Î_FLO(point; task embedding), nats' }, color },
  };
  return { title, hconcat: [...mse, mi] };
}
