/**
 * Per-column mean and sd (population, float64) of the first `n` rows of a row-major `[rows × dim]`
 * array. A constant column gets sd 1, so standardising by it is always defined.
 */
export function columnMoments(a: Float32Array, dim: number, n: number): { mean: number[]; sd: number[] } {
  const mean: number[] = [];
  const sd: number[] = [];
  for (let j = 0; j < dim; j++) {
    let s = 0;
    let ss = 0;
    for (let r = 0; r < n; r++) s += a[r * dim + j]!;
    const m = s / n;
    for (let r = 0; r < n; r++) ss += (a[r * dim + j]! - m) ** 2;
    mean.push(m);
    sd.push(Math.sqrt(ss / n) || 1);
  }
  return { mean, sd };
}
