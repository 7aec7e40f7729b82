import { join } from 'node:path';
import { lineChart, renderChart } from '@infobed/plot';
import type { PolicyEvaluation } from './evaluatePolicies.js';
import type { PolicyRecord } from './trainPolicy.js';

/**
 * `eig-vs-t`: total EIG (sPCE, lower bound) of the first t measurements for the policy and every
 * baseline, with the policy's sNMC (upper) dashed (skipped when `evals` is empty); `training`: the
 * training bound vs step.
 */
export async function writeEigPlots(outDir: string, evals: readonly PolicyEvaluation[], history: readonly PolicyRecord[], title: string): Promise<string[]> {
  const data = evals.flatMap((e) => e.byT.map((b) => ({ t: b.t, eig: b.spce, series: `${e.name} (sPCE)` })));
  const first = evals[0];
  if (first) data.push(...first.byT.map((b) => ({ t: b.t, eig: b.snmc, series: `${first.name} (sNMC, upper)` })));
  const files: string[] = [];
  if (data.length > 0) {
    files.push((await renderChart(lineChart({ title: `${title}: total EIG vs number of measurements`, data, x: 't', y: 'eig', color: 'series', xTitle: 'measurements t', yTitle: 'EIG (nats)' }), join(outDir, 'eig-vs-t'))).png);
  }
  if (history.length > 0) {
    const rows = history.map((r) => ({ step: r.step, bound: r.bound, series: 'training bound' }));
    files.push((await renderChart(lineChart({ title: `${title}: training`, data: rows, x: 'step', y: 'bound', color: 'series', yTitle: 'nats' }), join(outDir, 'training'))).png);
  }
  return files;
}

/**
 * `trajectories`: designs of the first k rollouts of a policy. 2-D designs (location finding):
 * one panel per rollout, designs in the plane coloured by t over the true sources (black crosses).
 * 1-D designs (times): design vs t, one line per rollout.
 */
export async function writeTrajectoryPlot(outDir: string, ev: PolicyEvaluation, k: number, title: string): Promise<string[]> {
  const rollouts = ev.rollouts.slice(0, k);
  if (rollouts.length === 0) return [];
  const d = rollouts[0]!.designs[0]!.length;
  if (d !== 2) {
    const data = rollouts.flatMap((r, i) => r.designs.map((x, t) => ({ t: t + 1, design: x[0]!, rollout: `rollout ${i + 1}` })));
    return [(await renderChart(lineChart({ title: `${title}: ${ev.name} designs`, data, x: 't', y: 'design', color: 'rollout', xTitle: 'measurement t' }), join(outDir, 'trajectories'))).png];
  }
  const values = rollouts.flatMap((r, i) => [
    ...r.designs.map((x, t) => ({ rollout: `rollout ${i + 1}`, x: x[0]!, y: x[1]!, t: t + 1, kind: 'design' })),
    ...Array.from({ length: r.theta.length / 2 }, (_, s) => ({ rollout: `rollout ${i + 1}`, x: r.theta[2 * s]!, y: r.theta[2 * s + 1]!, t: 0, kind: 'source' })),
  ]);
  const spec = {
    title: `${title}: ${ev.name} designs (colour = t) and true sources (×)`,
    data: { values },
    columns: Math.min(4, rollouts.length),
    facet: { field: 'rollout', type: 'nominal', title: null },
    spec: {
      width: 220,
      height: 220,
      layer: [
        { transform: [{ filter: "datum.kind === 'design'" }], mark: { type: 'line', color: '#bbb', strokeWidth: 1 }, encoding: { x: { field: 'x', type: 'quantitative', scale: { zero: false } }, y: { field: 'y', type: 'quantitative', scale: { zero: false } }, order: { field: 't' } } },
        { transform: [{ filter: "datum.kind === 'design'" }], mark: { type: 'circle', size: 60 }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, color: { field: 't', type: 'quantitative', scale: { scheme: 'viridis' } } } },
        { transform: [{ filter: "datum.kind === 'source'" }], mark: { type: 'point', shape: 'cross', size: 150, color: 'black', filled: true }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } },
      ],
    },
  };
  return [(await renderChart(spec, join(outDir, 'trajectories'))).png];
}
