import { join } from 'node:path';
import { renderChart } from '@infobed/plot';
import type { SweepTable } from './collectSweep.js';

/** File-name-safe form of a metric path (`mse[shots=3].mean` → `mse-shots-3-mean`). */
export const metricSlug = (m: string): string => m.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');

/**
 * One chart per metric, `plot-<metric>.png` (+ `.svg`, `.vl.json`): the mean of every grid point
 * with its CI95 bar and the individual seeds as faint dots. Returns the PNG paths.
 */
export async function writeSweepPlots(sweepDir: string, t: SweepTable): Promise<string[]> {
  const out: string[] = [];
  for (const m of t.metrics) {
    // Label points by the axes that vary between rows (a constant config path would hide the rest).
    const varying = t.axes.filter((a) => new Set(t.rows.map((r) => String(r.group[a]))).size > 1);
    const label = (g: Record<string, unknown>): string => varying.map((a) => String(g[a])).join(' · ') || 'all';
    const means = t.rows
      .filter((r) => r.metrics[m]!.n > 0)
      .map((r) => {
        const s = r.metrics[m]!;
        const ci = Number.isFinite(s.ci95) ? s.ci95 : 0;
        return { point: label(r.group), mean: s.mean, lo: s.mean - ci, hi: s.mean + ci, n: s.n };
      });
    if (means.length === 0) continue;
    const seeds = t.rows.flatMap((r) => r.metrics[m]!.values.map((v) => ({ point: label(r.group), value: v })));
    const y = { type: 'quantitative', title: `${m} (mean ± CI95 over seeds)`, scale: { zero: false } };
    const spec = {
      title: `${t.description ?? t.command}: ${m}`,
      width: Math.max(240, 60 * means.length),
      height: 260,
      layer: [
        { data: { values: seeds }, mark: { type: 'point', opacity: 0.35, color: '#888' }, encoding: { x: { field: 'point', type: 'nominal', title: null, axis: { labelAngle: -30, labelLimit: 360 } }, y: { field: 'value', ...y } } },
        { data: { values: means }, mark: { type: 'rule', strokeWidth: 2 }, encoding: { x: { field: 'point', type: 'nominal' }, y: { field: 'lo', ...y }, y2: { field: 'hi' } } },
        { data: { values: means }, mark: { type: 'point', filled: true, size: 70 }, encoding: { x: { field: 'point', type: 'nominal' }, y: { field: 'mean', ...y } } },
      ],
    };
    const files = await renderChart(spec, join(sweepDir, `plot-${metricSlug(m)}`));
    out.push(files.png);
  }
  return out;
}
