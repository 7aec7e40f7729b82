/** Two-sided 95 % Student-t quantiles t_{0.975, df} for df = 1…30 (beyond: interpolated in 1/df to 1.960). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086,
  2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** t_{0.975, df}: the CI95 half-width of a mean is t · sd / √n with df = n − 1. */
export function t975(df: number): number {
  if (!Number.isInteger(df) || df < 1) return Number.NaN;
  if (df <= 30) return T975[df - 1]!;
  return 1.96 + (T975[29]! - 1.96) * (30 / df);
}

/** Mean, sample standard deviation and CI95 half-width (Student t, n − 1 df) of replicate values. */
export interface Summary {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
  /** NaN for n < 2 (no interval from one seed). */
  readonly ci95: number;
}

export function summarise(values: readonly number[]): Summary {
  const n = values.length;
  if (n === 0) return { n, mean: Number.NaN, sd: Number.NaN, ci95: Number.NaN };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : Number.NaN;
  return { n, mean, sd, ci95: n > 1 ? (t975(n - 1) * sd) / Math.sqrt(n) : Number.NaN };
}
