import * as tf from '@tensorflow/tfjs';
import type { AuxKind } from '@infobed/core';
import { Mlp, type Activation } from '@infobed/nn';

/**
 * The auxiliary head an objective asks for: `rowBaseline` is a log-baseline `u(x_i)` (TUBA,
 * α-InfoNCE); `positivePair` is FLO's `u(x_i, y_i)` on the joint pairs. Output `[B]`.
 */
export class AuxHead {
  private readonly mlp: Mlp;

  constructor(
    readonly kind: AuxKind,
    xDim: number,
    yDim: number,
    hidden: readonly number[],
    activation: Activation,
    seed: number,
  ) {
    this.mlp = new Mlp({ inDim: kind === 'rowBaseline' ? xDim : xDim + yDim, hidden, outDim: 1, activation, seed, name: `aux-${kind}` });
  }

  /** x `[B, xDim]`, y `[B, yDim]` → `[B]`. */
  apply(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor1D {
    const input = this.kind === 'rowBaseline' ? x : tf.concat([x, y], 1);
    return tf.reshape(this.mlp.apply(input), [x.shape[0]]);
  }

  get variables(): tf.Variable[] {
    return this.mlp.variables;
  }

  dispose(): void {
    this.mlp.dispose();
  }
}
