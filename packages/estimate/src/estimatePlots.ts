import { renderChart, type VegaLiteSpec } from '@infobed/plot';
import { join } from 'node:path';
import type { EstimateRow } from './EstimateRow.js';
import type { EstimateTrace } from './runEstimate.js';

const panelOf = (objective: string, critic: string): string => `${objective} (${critic})`;

/**
 * `estimate-trace` spec: the objective's per-step `mi` (block means) vs step, one panel per
 * objective, with the true MI schedule (dashed) and log B (dotted), like the bias–variance figures
 * of the FLO and InfoNCE-anchor papers. Runs are coloured.
 */
export function traceChart(traces: readonly EstimateTrace[], batch: number, title: string): VegaLiteSpec {
  const logB = Math.log(batch);
  const values: Record<string, unknown>[] = [];
  for (const t of traces) {
    const panel = panelOf(t.objective, t.critic);
    for (const p of t.points) values.push({ panel, kind: 'estimate', series: `run ${t.run + 1}`, step: p.step, nats: p.mi });
    if (t.run !== 0) continue;
    // True MI as a step function: flat over each stage.
    let start = 0;
    t.points.forEach((p, i) => {
      const next = t.points[i + 1];
      if (next === undefined || next.trueMi !== p.trueMi) {
        values.push({ panel, kind: 'truth', step: start, nats: p.trueMi }, { panel, kind: 'truth', step: p.step, nats: p.trueMi });
        start = p.step;
      }
    });
    values.push({ panel, kind: 'logB', nats: logB });
  }
  const x = { field: 'step', type: 'quantitative', title: 'step' };
  // Early NWJ/FLO steps can read −10 nats or less: clip to a window around the truth.
  const top = Math.max(logB, ...traces.flatMap((t) => t.points.map((p) => p.trueMi)));
  const y = { field: 'nats', type: 'quantitative', title: 'nats', scale: { domain: [-2, Math.ceil(top * 1.25 + 0.5)] } };
  return {
    title: `${title} (dashed: true MI; dotted: log B = ${logB.toFixed(2)})`,
    data: { values },
    facet: { field: 'panel', type: 'nominal', title: null },
    columns: 2,
    spec: {
      width: 300,
      height: 170,
      layer: [
        { transform: [{ filter: "datum.kind === 'estimate'" }], mark: { type: 'line', strokeWidth: 1, clip: true }, encoding: { x, y, color: { field: 'series', type: 'nominal', title: null } } },
        { transform: [{ filter: "datum.kind === 'truth'" }], mark: { type: 'line', strokeDash: [6, 4], color: '#000' }, encoding: { x, y } },
        { transform: [{ filter: "datum.kind === 'logB'" }], mark: { type: 'rule', strokeDash: [2, 3], color: '#777' }, encoding: { y } },
      ],
    },
  };
}

/**
 * `bias-variance` spec: bias vs the true MI, one line per objective, solid for the training-batch
 * estimate and dashed for the held-out one; and the sd of the per-step training-batch estimate.
 */
export function biasVarianceChart(rows: readonly EstimateRow[], title: string): VegaLiteSpec {
  const values = rows.flatMap((r) => [
    ...(Number.isFinite(r.estimate) ? [{ objective: panelOf(r.objective, r.critic), kind: 'training batches', trueMi: r.trueMi, bias: r.bias, std: r.std }] : []),
    ...(Number.isFinite(r.heldOut) ? [{ objective: panelOf(r.objective, r.critic), kind: 'held-out', trueMi: r.trueMi, bias: r.heldOutBias }] : []),
  ]);
  const panel = (field: 'bias' | 'std', label: string) => ({
    width: 300,
    height: 200,
    layer: [
      {
        ...(field === 'std' ? { transform: [{ filter: "datum.kind === 'training batches'" }] } : {}),
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'trueMi', type: 'quantitative', title: 'true MI (nats)' },
          y: { field, type: 'quantitative', title: label },
          color: { field: 'objective', type: 'nominal', title: null, legend: { labelLimit: 400 } },
          strokeDash: { field: 'kind', type: 'nominal', title: null },
        },
      },
      ...(field === 'bias' ? [{ data: { values: [{ y: 0 }] }, mark: { type: 'rule', color: '#777' }, encoding: { y: { field: 'y', type: 'quantitative' } } }] : []),
    ],
  });
  return { title, data: { values }, hconcat: [panel('bias', 'bias (nats; dashed: held-out)'), panel('std', 'sd of per-step estimate (nats)')] };
}

/**
 * `benchmark-heatmap` spec: objective (critic) × task, colour = bias of the held-out estimate
 * (training-batch estimate when held-out is off; clamped to ±1 nat), text = estimate / truth, or
 * `diverged k/n` (blank colour) when every run hit a non-finite value.
 */
export function benchmarkHeatmap(rows: readonly EstimateRow[], title: string): VegaLiteSpec {
  const values = rows.map((r) => {
    const est = Number.isFinite(r.heldOut) ? r.heldOut : r.estimate;
    const shown = !Number.isFinite(est) ? 'NaN' : Math.abs(est) >= 100 ? est.toExponential(0) : est.toFixed(2);
    // Diverged runs (non-finite values) are named in the cell; every run diverged: no colour.
    const text = r.diverged >= r.runs ? `diverged ${r.diverged}/${r.runs}` : `${shown} / ${r.trueMi.toFixed(2)}${r.diverged > 0 ? ` (${r.diverged} div.)` : ''}`;
    return { objective: panelOf(r.objective, r.critic), task: r.task, bias: Number.isFinite(est) ? est - r.trueMi : null, text };
  });
  const x = { field: 'task', type: 'nominal', title: null, sort: null, axis: { labelAngle: -50, labelLimit: 300 } };
  const y = { field: 'objective', type: 'nominal', title: null, sort: null, axis: { labelLimit: 300 } };
  return {
    title: `${title} (cell: estimate / true MI, nats; colour: bias)`,
    data: { values },
    layer: [
      // Colour clamped to ±1 nat: one diverging cell (e.g. JS at −1e9) must not wash out the rest.
      { mark: 'rect', encoding: { x, y, color: { field: 'bias', type: 'quantitative', title: 'bias (nats, clamped ±1)', scale: { scheme: 'redblue', domain: [-1, 1], clamp: true, reverse: true } } } },
      { mark: { type: 'text', fontSize: 8 }, encoding: { x, y, text: { field: 'text', type: 'nominal' } } },
    ],
    width: { step: 64 },
    height: { step: 22 },
  };
}

/**
 * Writes `estimate-trace.{vl.json,svg,png}` and `bias-variance.{…}` (stepwise Gaussian schedule),
 * or `benchmark-heatmap.{…}` (benchmark tasks; plus the trace for a single task) into `outDir`;
 * returns the PNG paths.
 */
export async function writeEstimatePlots(outDir: string, rows: readonly EstimateRow[], traces: readonly EstimateTrace[], info: { batch: number; dim: number; tasks?: boolean }): Promise<string[]> {
  if (info.tasks) {
    const title = `MI benchmark tasks, B = ${info.batch}`;
    const heat = await renderChart(benchmarkHeatmap(rows, title), join(outDir, 'benchmark-heatmap'));
    const single = new Set(rows.map((r) => r.task)).size === 1;
    return single ? [heat.png, (await renderChart(traceChart(traces, info.batch, title), join(outDir, 'estimate-trace'))).png] : [heat.png];
  }
  const title = `Correlated Gaussians, d = ${info.dim}, B = ${info.batch}`;
  const a = await renderChart(traceChart(traces, info.batch, title), join(outDir, 'estimate-trace'));
  const b = await renderChart(biasVarianceChart(rows, title), join(outDir, 'bias-variance'));
  return [a.png, b.png];
}
