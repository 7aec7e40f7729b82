import type * as tf from '@tensorflow/tfjs';
import { Dense, type Activation } from './Dense.js';

export interface MlpSpec {
  readonly inDim: number;
  /** Hidden widths, e.g. `[512, 512]`. */
  readonly hidden: readonly number[];
  readonly outDim: number;
  readonly activation?: Activation;
  /** Seed for the weights; layer k uses `seed + k`. */
  readonly seed: number;
  readonly name: string;
}

/** `in → hidden… → out`, activation on hidden layers, linear output. */
export class Mlp {
  readonly layers: readonly Dense[];

  constructor(spec: MlpSpec) {
    const dims = [spec.inDim, ...spec.hidden, spec.outDim];
    this.layers = dims.slice(1).map(
      (out, k) =>
        new Dense(dims[k]!, out, k === dims.length - 2 ? 'linear' : (spec.activation ?? 'relu'), spec.seed + k, `${spec.name}/${k}`),
    );
  }

  /** `[n, in]` → `[n, out]`. */
  apply(x: tf.Tensor2D): tf.Tensor2D {
    return this.layers.reduce((h, l) => l.apply(h), x);
  }

  get variables(): tf.Variable[] {
    return this.layers.flatMap((l) => l.variables);
  }

  /** Number of scalar parameters. */
  get size(): number {
    return this.variables.reduce((n, v) => n + v.size, 0);
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
