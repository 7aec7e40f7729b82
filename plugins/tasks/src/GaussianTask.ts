import type * as tf from '@tensorflow/tfjs';
import type { MiTask, Rng } from '@infobed/core';
import { rhoForMi } from './base/gaussianTruth.js';
import { sampleCorrelatedGaussian } from './base/sampleCorrelatedGaussian.js';
import { logNormalPdf } from './math/special.js';

/**
 * The correlated Gaussian of the papers (specs/estimators.md §6): `x ~ N(0, I_d)`,
 * `y = ρx + √(1−ρ²)ε`, `I = −(d/2) log(1 − ρ²)`, optionally `y ↦ y³` (same MI). Sampled with
 * TF.js seeded ops (the stream `infobed estimate` has always used).
 */
export class GaussianTask implements MiTask {
  readonly label: string;
  readonly xDim: number;
  readonly yDim: number;
  readonly trueMi: number;
  readonly rho: number;

  constructor(readonly dim: number, mi: number, readonly cubic: boolean) {
    this.rho = rhoForMi(dim, mi);
    this.trueMi = mi; // = gaussianMi(dim, rho) up to rounding; the level as given keeps row labels exact
    this.xDim = dim;
    this.yDim = dim;
    this.label = `${cubic ? 'cubic-' : ''}gaussian-d${dim}-mi${mi}`;
  }

  sample(n: number, rng: Rng): { x: tf.Tensor2D; y: tf.Tensor2D } {
    return sampleCorrelatedGaussian(n, this.dim, this.rho, this.cubic, rng);
  }

  /** `Σ_k log N(y_k; ρx_k, 1−ρ²) − log N(y_k; 0, 1)` at the un-cubed y. */
  pmi(x: readonly number[], y: readonly number[]): number {
    const s2 = 1 - this.rho * this.rho;
    let out = 0;
    for (let k = 0; k < this.dim; k++) {
      const yk = this.cubic ? Math.cbrt(y[k]!) : y[k]!;
      out += logNormalPdf((yk - this.rho * x[k]!) / Math.sqrt(s2)) - 0.5 * Math.log(s2) - logNormalPdf(yk);
    }
    return out;
  }
}
