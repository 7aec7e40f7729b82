import * as tf from '@tensorflow/tfjs';
import { denseAct } from './denseAct.js';
import { ensureNativeOnWasm } from './gemm/useNativeGemm.js';
import { matMul } from './matMul.js';

export type Activation = 'relu' | 'tanh' | 'elu' | 'linear';

export const activate = (x: tf.Tensor2D, a: Activation): tf.Tensor2D =>
  a === 'relu' ? tf.relu(x) : a === 'tanh' ? tf.tanh(x) : a === 'elu' ? tf.elu(x) : x;

/**
 * A dense layer `y = act(x·W + b)`, `W` `[in, out]` Xavier-uniform, `b` zeros (the FLO
 * reference init). Variables are owned by the layer.
 */
export class Dense {
  readonly w: tf.Variable<tf.Rank.R2>;
  readonly b: tf.Variable<tf.Rank.R1>;

  constructor(
    readonly inDim: number,
    readonly outDim: number,
    readonly activation: Activation,
    seed: number,
    name: string,
  ) {
    // Install the native kernels now, not at the first forward pass: ops that run before it (a
    // simulator's matMul) would otherwise use TF.js's kernel on the first step only, so a run
    // resumed from a checkpoint would differ from an uninterrupted one in the last bits.
    ensureNativeOnWasm();
    const limit = Math.sqrt(6 / (inDim + outDim));
    this.w = tf.tidy(() => tf.variable(tf.randomUniform([inDim, outDim], -limit, limit, 'float32', seed)));
    this.b = tf.tidy(() => tf.variable(tf.zeros([outDim])));
  }

  /**
   * `[n, in]` → `[n, out]`. On wasm with the native GEMM, ReLU and linear layers run as one fused
   * op (`denseAct`); otherwise as matmul, bias add and activation (same values within fp32).
   */
  apply(x: tf.Tensor2D): tf.Tensor2D {
    if ((this.activation === 'relu' || this.activation === 'linear') && ensureNativeOnWasm()) {
      return denseAct(x, this.w, this.b, this.activation === 'relu');
    }
    return activate(tf.add(matMul(x, this.w), this.b), this.activation);
  }

  /** The pre-activation `x·W` without bias, for factorised first layers (joint critics). */
  project(x: tf.Tensor2D): tf.Tensor2D {
    return matMul(x, this.w);
  }

  get variables(): tf.Variable[] {
    return [this.w, this.b];
  }
}
