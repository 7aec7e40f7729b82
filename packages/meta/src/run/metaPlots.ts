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
