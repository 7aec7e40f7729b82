import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { Rng, type SequentialSimulator } from '@infobed/core';
import { lineChart, renderChart } from '@infobed/plot';
import type { ImplicitEvaluation } from './evaluateImplicit.js';
import type { Rollout } from './RolloutSet.js';

/**
 * `bound-vs-t`: the fresh-critic lower bound of the first t measurements for the policy and every
 * baseline (each point a new critic on held-out rollouts; ± s.e. in `evaluate.json`).
 */
export async function writeBoundVsTPlot(outDir: string, evals: readonly ImplicitEvaluation[], title: string): Promise<string[]> {
  const data = evals.flatMap((e) => e.byT.map((b) => ({ t: b.t, bound: b.mean, policy: e.name })));
  if (data.length === 0) return [];
  const which = evals[0]?.byT[0]?.bound === 'nwj' ? 'NWJ' : 'InfoNCE';
  return [(await renderChart(lineChart({ title: `${title}: fresh-critic ${which} lower bound vs number of measurements`, data, x: 't', y: 'bound', color: 'policy', xTitle: 'measurements t', yTitle: `${which} lower bound on EIG (nats)` }), join(outDir, 'bound-vs-t'))).png];
}

/**
 * `curves`: for 1-D designs read as times (a `designChain`, e.g. SIR's increasing times), the
 * observation the model would return at every time of a grid (the epidemic curve I(τ) for SIR's
 * noiseless y) for each of the first k rollouts' θ, with the times the policy chose and what it
 * observed there as points (FLO's Figure 6). Curves come from `seq.step.simulate` on the grid, so θ
 * must be draws of `seq` (the simulator the rollouts were made with).
 * @param grid Times of the curve (design units); default 200 points over the chosen times' range.
 */
export async function writeCurvePlot(outDir: string, seq: SequentialSimulator, name: string, rollouts: readonly Rollout[], k: number, title: string, yTitle: string, grid?: readonly number[]): Promise<string[]> {
  const shown = rollouts.slice(0, k);
  if (shown.length === 0 || seq.step.designDim !== 1 || seq.step.obsDim !== 1) return [];
  const times = grid ?? defaultGrid(shown);
  const G = times.length;
  const curve = tf.tidy(() => {
    const theta = tf.tensor2d(shown.flatMap((r) => Array.from({ length: G }, () => r.theta)), [shown.length * G, shown[0]!.theta.length]);
    const design = tf.tensor2d(shown.flatMap(() => times), [shown.length * G, 1]);
    return seq.step.simulate(theta, design, seq.step.sampleNoise(shown.length * G, new Rng(0))).dataSync() as Float32Array;
  });
  const values = shown.flatMap((r, i) => {
    const label = `${i + 1}: ${r.theta.map((v, j) => `${seq.thetaNames[j] ?? `θ${j}`} ${v.toFixed(3)}`).join(', ')}`;
    return [
      ...times.map((x, j) => ({ x, y: curve[i * G + j]!, rollout: label, kind: 'curve' })),
      ...r.designs.map((d, t) => ({ x: d[0]!, y: r.observations[t]![0]!, rollout: label, kind: 'measurement', t: t + 1 })),
    ];
  });
  const enc = { x: { field: 'x', type: 'quantitative', title: 'time τ' }, y: { field: 'y', type: 'quantitative', title: yTitle }, color: { field: 'rollout', type: 'nominal', title: 'rollout: true θ', legend: { labelLimit: 320 } } };
  const spec = {
    title: `${title}: ${name}'s measurement times (points) on each rollout's curve`,
    width: 560,
    height: 300,
    data: { values },
    layer: [
      { transform: [{ filter: "datum.kind === 'curve'" }], mark: { type: 'line', strokeWidth: 1.5 }, encoding: enc },
      { transform: [{ filter: "datum.kind === 'measurement'" }], mark: { type: 'point', filled: true, size: 70 }, encoding: enc },
      { transform: [{ filter: "datum.kind === 'measurement'" }], mark: { type: 'rule', strokeDash: [2, 3], opacity: 0.5 }, encoding: { x: enc.x, color: enc.color } },
    ],
  };
  return [(await renderChart(spec, join(outDir, 'curves'))).png];
}

/** 200 times from 0 to a little past the latest chosen time. */
function defaultGrid(rollouts: readonly Rollout[]): number[] {
  const last = Math.max(...rollouts.flatMap((r) => r.designs.map((d) => d[0]!)));
  const end = Math.min(last * 1.15 + 1, Math.max(last, 100));
  return Array.from({ length: 200 }, (_, j) => (end * (j + 0.5)) / 200);
}
