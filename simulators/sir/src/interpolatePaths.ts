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

/** Ĩ(τ) and its central-difference slope for each (path, time); τ is clamped to the grid. */
export function interpolatePaths(bank: PathBank, rows: ArrayLike<number>, times: ArrayLike<number>): PathLookup {
  const n = rows.length;
  const t = times.length;
  const g = bank.gridSize;
  const h = bank.spacing;
  const values = new Float64Array(n * t);
  const slopes = new Float64Array(n * t);
  const tMax = (g - 1) * h;
  for (let j = 0; j < t; j++) {
    const tau = Math.min(tMax, Math.max(0, times[j]!));
    const x = tau / h;
    const k = Math.min(g - 2, Math.floor(x));
    const w = x - k;
    for (let i = 0; i < n; i++) {
      const base = rows[i]! * g;
      const at = (q: number): number => bank.infected[base + Math.min(g - 1, Math.max(0, q))]!;
      // Grid slope at q: central inside, one-sided at the ends.
      const c = (q: number): number => (q <= 0 ? (at(1) - at(0)) / h : q >= g - 1 ? (at(g - 1) - at(g - 2)) / h : (at(q + 1) - at(q - 1)) / (2 * h));
      values[i * t + j] = (1 - w) * at(k) + w * at(k + 1);
      slopes[i * t + j] = (1 - w) * c(k) + w * c(k + 1);
    }
  }
  return { values, slopes };
}
