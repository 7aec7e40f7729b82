import type { PathBank } from './PathBank.js';

/** Values and slopes of stored paths at measurement times, float64. */
export interface PathLookup {
  /** `[n × T]` linearly interpolated I(τ_t) of path `rows[i]`. */
  readonly values: Float64Array;
  /**
   * `[n × T]` central difference of the interpolated path with step h = grid spacing:
   * (Ĩ(τ + h) − Ĩ(τ − h)) / 2h, which equals the linear interpolation of the grid central
   * differences (I[k+1] − I[k−1]) / 2h (iDAD's slope); one-sided at the ends of the grid.
   */
  readonly slopes: Float64Array;
}

/**
 * Ĩ(τ) of bank path `row` into `values[at]` and its central-difference slope into `slopes[at]`
 * (see `PathLookup`); τ is clamped to the grid.
 */
export function lookupPath(bank: PathBank, row: number, time: number, values: Float64Array, slopes: Float64Array, at: number): void {
  const g = bank.gridSize;
  const h = bank.spacing;
  const tau = Math.min((g - 1) * h, Math.max(0, time));
  const x = tau / h;
  const k = Math.min(g - 2, Math.floor(x));
  const w = x - k;
  const base = row * g;
  const i = (q: number): number => bank.infected[base + Math.min(g - 1, Math.max(0, q))]!;
  // Grid slope at q: central inside, one-sided at the ends.
  const c = (q: number): number => (q <= 0 ? (i(1) - i(0)) / h : q >= g - 1 ? (i(g - 1) - i(g - 2)) / h : (i(q + 1) - i(q - 1)) / (2 * h));
  values[at] = (1 - w) * i(k) + w * i(k + 1);
  slopes[at] = (1 - w) * c(k) + w * c(k + 1);
}

/** Ĩ(τ) and its central-difference slope for each (path, time): every row at the same T times. */
export function interpolatePaths(bank: PathBank, rows: ArrayLike<number>, times: ArrayLike<number>): PathLookup {
  const n = rows.length;
  const t = times.length;
  const values = new Float64Array(n * t);
  const slopes = new Float64Array(n * t);
  for (let j = 0; j < t; j++) {
    for (let r = 0; r < n; r++) lookupPath(bank, rows[r]!, times[j]!, values, slopes, r * t + j);
  }
  return { values, slopes };
}

/** `[n]` Ĩ(τ_i) and slopes of path `rows[i]` at its own time `times[i]` (sequential steps). */
export function interpolateRowTimes(bank: PathBank, rows: ArrayLike<number>, times: ArrayLike<number>): PathLookup {
  const n = rows.length;
  const values = new Float64Array(n);
  const slopes = new Float64Array(n);
  for (let r = 0; r < n; r++) lookupPath(bank, rows[r]!, times[r]!, values, slopes, r);
  return { values, slopes };
}
