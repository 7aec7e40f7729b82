import { isAbsolute, resolve } from 'node:path';
import type { AxisValue, SweepConfig } from './SweepConfigSchema.js';

/** One run of a sweep: an ordinary `infobed <command>` run in `cells/<id>/`. */
export interface SweepCell {
  /** 0-based position in the grid (the Kubernetes `JOB_COMPLETION_INDEX`). */
  readonly index: number;
  /** Folder name under `cells/`: `c007`. */
  readonly id: string;
  /** Axis → value as written in the sweep file (`options` values as a compact label). */
  readonly axes: Readonly<Record<string, string | number | boolean>>;
  /** CLI arguments after `infobed` (without `--out`): `design --config … --seed 3 …`. */
  readonly args: readonly string[];
}

const label = (v: AxisValue): string | number | boolean =>
  typeof v === 'object' ? Object.entries(v).map(([k, x]) => `${k}=${String(x)}`).join(' ') || '(none)' : v;

function flags(axis: string, v: AxisValue, baseDir: string): string[] {
  if (typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => flags(k, x, baseDir));
  if (v === true) return [`--${axis}`];
  if (v === false) return [];
  if (axis === 'config') return ['--config', isAbsolute(String(v)) ? String(v) : resolve(baseDir, String(v))];
  return [`--${axis}`, String(v)];
}

/**
 * The cells of a sweep: the Cartesian product of the grid's axes in file order (the last axis
 * varies fastest). `baseDir` resolves relative `config` paths (the sweep file's folder).
 */
export function expandGrid(s: SweepConfig, baseDir: string): SweepCell[] {
  const axes = Object.entries(s.grid);
  let combos: [string, AxisValue][][] = [[]];
  for (const [axis, values] of axes) combos = combos.flatMap((c) => values.map((v) => [...c, [axis, v] as [string, AxisValue]]));
  const fixed = Object.entries(s.fixed).flatMap(([k, v]) => flags(k, v, baseDir));
  return combos.map((combo, index) => ({
    index,
    id: `c${String(index).padStart(3, '0')}`,
    axes: Object.fromEntries(combo.map(([a, v]) => [a, label(v)])),
    args: [s.command, ...combo.flatMap(([a, v]) => flags(a, v, baseDir)), ...fixed],
  }));
}
