import { BedError, type MemoryTerm } from '@infobed/core';
import type { DesignConfig } from './DesignConfigSchema.js';

/** Floats per score-matrix entry at the peak of a training step (measured: RSS 2.4 GB at B = 4096, separable, InfoNCE-anchor). */
const SCORE_FLOATS = 32;
/** Floats per (pair, hidden unit) of a joint critic: activation, pre-activation, gradient, temporaries. */
const JOINT_FLOATS = 4;
/** Euler–Maruyama steps an SDE path bank may take (paths × horizon / dt) before the run is refused as endless. */
export const MAX_SDE_STEPS = 2e10;

const num = (v: unknown, d: number): number => (typeof v === 'number' ? v : d);
const widths = (v: unknown, d: number[]): number[] => (Array.isArray(v) && v.every((x) => typeof x === 'number') ? (v as number[]) : d);

/**
 * Estimated peak memory of `infobed design` from its config alone (before any plugin runs), split
 * by the field that sizes each part: the `[B, B]` score matrices (`design.batch`), a joint critic's
 * per-pair activations, critic weights with Adam moments (`critic.options.hidden` / `.embed`), an SDE
 * path bank (`simulator.options.paths` / `.horizon`) and the independent evaluation
 * (`evaluate.outer` / `.inner`). First-party option names; unknown plugins add only the batch term.
 * @throws BedError('invalidConfig') when an SDE bank would take more than `MAX_SDE_STEPS` steps.
 */
export function designMemoryTerms(c: DesignConfig, where: string): MemoryTerm[] {
  const b = c.design.batch;
  const co = c.critic.options;
  const so = c.simulator.options;
  const hidden = widths(co.hidden, [64, 64]);
  const embed = num(co.embed, 32);
  const obs = Math.max(num(so.designs, 10), num(so.T, 0), 10);
  const terms: MemoryTerm[] = [{ field: 'design.batch', bytes: 4 * SCORE_FLOATS * b * b, formula: `B² × ${SCORE_FLOATS} floats with B = ${b}` }];
  const sumHidden = hidden.reduce((a, h) => a + h, 0);
  const joint = c.critic.id === 'joint' || c.critic.id === 'shared'; // one network over all B² pairs
  if (joint) {
    terms.push({ field: 'design.batch', bytes: 4 * JOINT_FLOATS * b * b * sumHidden, formula: `B² pairs × Σ critic.options.hidden (${sumHidden}) × ${JOINT_FLOATS} floats with B = ${b}` });
  }
  const inner = hidden.slice(1).reduce((a, h, i) => a + h * hidden[i]!, 0) + obs * (hidden[0] ?? 0);
  const head = (hidden.at(-1) ?? obs) * embed;
  const towers = joint ? 1 : 2;
  terms.push({ field: 'critic.options.hidden', bytes: 4 * 4 * towers * inner + 4 * 4 * b * sumHidden * towers, formula: `weights × 4 (value, Adam m and v, gradient) + B × Σ hidden activations` });
  if (!joint) terms.push({ field: 'critic.options.embed', bytes: 4 * 4 * towers * (head + b * embed), formula: `last hidden × embed weights × 4 + B × embed` });
  if (c.simulator.id === 'sir' || c.simulator.id === 'seir') {
    const paths = num(so.paths, 2000);
    const horizon = num(so.horizon, 100);
    const grid = horizon / num(so.gridSpacing, 0.1);
    const euler = (paths * horizon) / num(so.dt, 1e-2);
    if (!(euler <= MAX_SDE_STEPS)) {
      // Blame the factor furthest above its default (horizon 100, paths 2,000, dt 0.01).
      const blame = [['horizon', horizon / 100], ['paths', paths / 2000], ['dt', 0.01 / num(so.dt, 1e-2)]] as const;
      const field = blame.reduce((a, x) => (x[1] > a[1] ? x : a))[0];
      throw new BedError(
        'invalidConfig',
        `${where}: simulator.options.${field}: the path bank would take ${euler.toPrecision(3)} Euler–Maruyama steps (paths × horizon / dt), more than ${MAX_SDE_STEPS.toExponential(0)}; raise dt or lower paths / horizon`,
      );
    }
    terms.push({ field: grid > paths ? 'simulator.options.horizon' : 'simulator.options.paths', bytes: 4 * paths * (grid + 8), formula: `paths × horizon / gridSpacing floats (${paths} × ${grid.toPrecision(3)})` });
  }
  if (c.evaluate.method !== 'none') {
    terms.push({ field: 'evaluate.outer', bytes: 16 * c.evaluate.outer, formula: `2 float64 per outer sample (${c.evaluate.outer})` });
    terms.push({ field: 'evaluate.inner', bytes: 4 * 8 * c.evaluate.inner * obs, formula: `inner samples × observation size × 8 floats (${c.evaluate.inner} × ${obs})` });
  }
  return terms;
}
