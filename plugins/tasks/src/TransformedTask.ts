import * as tf from '@tensorflow/tfjs';
import type { MiTask, Rng } from '@infobed/core';
import type { PairDistribution } from './base/PairDistribution.js';
import type { VectorTransform } from './transforms.js';

/**
 * A task from a float64 base distribution pushed through injective maps `f × g`
 * (`I(f(X); g(Y)) = I(X; Y)`). Samples are drawn row by row in float64 from the seeded `rng`
 * and handed over as two float32 tensors (the only tensors created).
 */
export class TransformedTask implements MiTask {
  readonly label: string;
  readonly xDim: number;
  readonly yDim: number;
  readonly trueMi: number;

  constructor(
    private readonly base: PairDistribution,
    private readonly tx?: VectorTransform,
    private readonly ty?: VectorTransform,
    label?: string,
  ) {
    const names = [...new Set([tx?.name, ty?.name].filter((n): n is string => n !== undefined))];
    this.label = label ?? [...names, base.label].join('-');
    this.xDim = tx ? tx.outDim(base.xDim) : base.xDim;
    this.yDim = ty ? ty.outDim(base.yDim) : base.yDim;
    this.trueMi = base.trueMi;
  }

  /** n pairs as float64 rows (tests, oracles). */
  draw(n: number, rng: Rng): { x: number[][]; y: number[][] } {
    const x: number[][] = [];
    const y: number[][] = [];
    for (let k = 0; k < n; k++) {
      const [a, b] = this.base.draw(rng);
      x.push(this.tx ? this.tx.forward(a) : a);
      y.push(this.ty ? this.ty.forward(b) : b);
    }
    return { x, y };
  }

  sample(n: number, rng: Rng): { x: tf.Tensor2D; y: tf.Tensor2D } {
    const { x, y } = this.draw(n, rng);
    return { x: tf.tensor2d(Float32Array.from(x.flat()), [n, this.xDim]), y: tf.tensor2d(Float32Array.from(y.flat()), [n, this.yDim]) };
  }

  pmi(x: readonly number[], y: readonly number[]): number {
    return this.base.pmi(this.tx ? this.tx.inverse(x) : x, this.ty ? this.ty.inverse(y) : y);
  }
}
