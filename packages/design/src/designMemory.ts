import { BedError, criticMemoryTerms, type MemoryTerm } from '@infobed/core';
import type { DesignConfig } from './DesignConfigSchema.js';

/** Euler–Maruyama steps an SDE path bank may take (paths × horizon / dt) before the run is refused as endless. */
export const MAX_SDE_STEPS = 2e10;

const num = (v: unknown, d: number): number => (typeof v === 'number' ? v : d);

/**
 * Estimated peak memory of `infobed design` from its config alone (before any plugin runs), split
 * by the field that sizes each part: the `[B, B]` score matrices (`design.batch`), a joint critic's
 * per-pair activations, critic weights with Adam moments (`critic.options.hidden` / `.embed`), an SDE
 * path bank (`simulator.options.paths` / `.horizon`) and the independent evaluation
 * (`evaluate.outer` / `.inner`). First-party option names; unknown plugins add only the batch term.
 * @throws BedError('invalidConfig') when an SDE bank would take more than `MAX_SDE_STEPS` steps.
 */
export function designMemoryTerms(c: DesignConfig, where: string): MemoryTerm[] {
  const so = c.simulator.options;
  const obs = Math.max(num(so.designs, 10), num(so.T, 0), 10);
  const terms = criticMemoryTerms(c.critic, obs, c.design.batch, { batch: 'design.batch', options: 'critic.options' });
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
