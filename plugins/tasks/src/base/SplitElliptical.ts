import type { Rng } from '@infobed/core';
import { block, cholesky, logDetFromCholesky, lowerTimes, quadForm } from '../math/linalg.js';
import { digamma, logGamma } from '../math/special.js';
import type { PairDistribution } from './PairDistribution.js';

/**
 * Differential entropy of a standard k-variate Student-t with ν degrees of freedom (identity
 * dispersion; Arellano-Valle et al. 2013, eq. 7, as in `bmi`'s `SplitStudentT`).
 */
export function studentEntropy(k: number, df: number): number {
  const h = 0.5 * (df + k);
  return -logGamma(h) + logGamma(0.5 * df) + 0.5 * k * Math.log(df * Math.PI) + h * (digamma(h) - digamma(0.5 * df));
}

/**
 * `v = (x, y)` zero-mean Gaussian with covariance Σ (`df` undefined), or multivariate Student-t
 * with dispersion Σ and integer `df` (`bmi`'s `SplitMultinormal` / `SplitStudentT`). True MI:
 * `½ log(det Σxx · det Σyy / det Σ)`, plus for Student-t the correction
 * `h(k_x) + h(k_y) − h(k_x + k_y)` of standard Student-t entropies.
 */
export class SplitElliptical implements PairDistribution {
  readonly yDim: number;
  readonly trueMi: number;
  private readonly l: number[][];
  private readonly lx: number[][];
  private readonly ly: number[][];
  private readonly logDets: [number, number, number];

  constructor(
    readonly label: string,
    readonly xDim: number,
    sigma: readonly (readonly number[])[],
    readonly df?: number,
  ) {
    const n = sigma.length;
    this.yDim = n - xDim;
    this.l = cholesky(sigma);
    this.lx = cholesky(block(sigma, 0, xDim));
    this.ly = cholesky(block(sigma, xDim, n));
    this.logDets = [logDetFromCholesky(this.l), logDetFromCholesky(this.lx), logDetFromCholesky(this.ly)];
    const gaussian = 0.5 * (this.logDets[1] + this.logDets[2] - this.logDets[0]);
    this.trueMi = df === undefined ? gaussian : gaussian + studentEntropy(xDim, df) + studentEntropy(this.yDim, df) - studentEntropy(n, df);
  }

  draw(rng: Rng): [number[], number[]] {
    const z = Array.from({ length: this.l.length }, () => rng.normal());
    let v = lowerTimes(this.l, z);
    if (this.df !== undefined) {
      let chi2 = 0;
      for (let k = 0; k < this.df; k++) chi2 += rng.normal() ** 2;
      const s = Math.sqrt(this.df / chi2);
      v = v.map((e) => e * s);
    }
    return [v.slice(0, this.xDim), v.slice(this.xDim)];
  }

  /** log density of the zero-mean elliptical with factor `l`, at v. */
  private logDensity(l: number[][], logDet: number, v: readonly number[]): number {
    const k = v.length;
    const q = quadForm(l, v);
    if (this.df === undefined) return -0.5 * q - 0.5 * logDet - 0.5 * k * Math.log(2 * Math.PI);
    const nu = this.df;
    return logGamma(0.5 * (nu + k)) - logGamma(0.5 * nu) - 0.5 * k * Math.log(nu * Math.PI) - 0.5 * logDet - 0.5 * (nu + k) * Math.log1p(q / nu);
  }

  pmi(x: readonly number[], y: readonly number[]): number {
    const [d, dx, dy] = this.logDets;
    return this.logDensity(this.l, d, [...x, ...y]) - this.logDensity(this.lx, dx, x) - this.logDensity(this.ly, dy, y);
  }
}

/** Σ = (1 − c)·I + c·11ᵀ of size n (`bmi` dense multinormal, off-diagonal c). */
export const denseCovariance = (n: number, c: number): number[][] =>
  Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : c)));

/**
 * `bmi`'s sparse latent-variable correlation with `pairs` interacting coordinates (α = β = 0,
 * ε = 1, η = λ = strength): unit diagonal, `corr(X_i, Y_i) = λ²/(1 + λ²)` for i < pairs.
 */
export function pairsCorrelation(dimX: number, dimY: number, pairs: number, strength: number): number[][] {
  const n = dimX + dimY;
  const rho = strength ** 2 / (1 + strength ** 2);
  const c: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let i = 0; i < pairs; i++) {
    c[i]![dimX + i] = rho;
    c[dimX + i]![i] = rho;
  }
  return c;
}
