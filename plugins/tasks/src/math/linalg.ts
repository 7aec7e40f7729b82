/** Small dense float64 linear algebra on row-major `number[][]` (task covariances, ≤ 100 × 100). */

/** Lower Cholesky factor L of a symmetric positive-definite matrix (`A = L Lᵀ`); throws if not SPD. */
export function cholesky(a: readonly (readonly number[])[]): number[][] {
  const n = a.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (!(s > 0)) throw new RangeError(`cholesky: matrix is not positive definite (pivot ${i} = ${s})`);
        l[i]![i] = Math.sqrt(s);
      } else l[i]![j] = s / l[j]![j]!;
    }
  }
  return l;
}

/** log det A from its Cholesky factor: `2 Σ log L_ii`. */
export const logDetFromCholesky = (l: readonly (readonly number[])[]): number => 2 * l.reduce((s, row, i) => s + Math.log(row[i]!), 0);

/** `vᵀ A⁻¹ v` given L (A = L Lᵀ): forward substitution `L z = v`, then `‖z‖²`. */
export function quadForm(l: readonly (readonly number[])[], v: readonly number[]): number {
  const z = new Array<number>(v.length);
  let q = 0;
  for (let i = 0; i < v.length; i++) {
    let s = v[i]!;
    for (let k = 0; k < i; k++) s -= l[i]![k]! * z[k]!;
    z[i] = s / l[i]![i]!;
    q += z[i]! * z[i]!;
  }
  return q;
}

/** `L z` for a lower-triangular L. */
export function lowerTimes(l: readonly (readonly number[])[], z: readonly number[]): number[] {
  return l.map((row, i) => {
    let s = 0;
    for (let k = 0; k <= i; k++) s += row[k]! * z[k]!;
    return s;
  });
}

/** The square block `A[from..to)` × `[from..to)`. */
export const block = (a: readonly (readonly number[])[], from: number, to: number): number[][] => a.slice(from, to).map((r) => r.slice(from, to));
