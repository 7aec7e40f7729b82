import * as tf from '@tensorflow/tfjs';
import { activate, Dense, Mlp, type Activation } from '@infobed/nn';

/**
 * An MLP on concatenated pairs `h([x, y])` with `outDim` outputs, evaluated either on all n·m
 * pairs `(x_i, y_j)` or on n aligned pairs `(x_k, y_k)`. The first layer is factorised:
 * `W·[x_i, y_j] = Wx·x_i + Wy·y_j`, so all pairs cost two `[n, ·]` / `[m, ·]` matmuls and a
 * broadcast add instead of a `[n·m, xDim + yDim]` matmul. Xavier-uniform weights, zero biases.
 */
export class PairMlp {
  private readonly wx: Dense;
  private readonly wy: Dense;
  private readonly bias: tf.Variable<tf.Rank.R1>;
  private readonly rest: Mlp;

  constructor(xDim: number, yDim: number, hidden: readonly number[], outDim: number, private readonly activation: Activation, seed: number, name: string) {
    const [first, ...others] = hidden;
    const h1 = first ?? 64;
    this.wx = new Dense(xDim, h1, 'linear', seed, `${name}/wx`);
    this.wy = new Dense(yDim, h1, 'linear', seed + 1, `${name}/wy`);
    this.bias = tf.tidy(() => tf.variable(tf.zeros([h1])));
    this.rest = new Mlp({ inDim: h1, hidden: others, outDim, activation, seed: seed + 2, name });
  }

  /** x `[n, xDim]`, y `[m, yDim]` → `[n·m, outDim]`, row `i·m + j` = `h([x_i, y_j])`. */
  allPairs(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D {
    const [n, m] = [x.shape[0], y.shape[0]];
    const a = tf.reshape(tf.add(this.wx.project(x), this.bias), [n, 1, -1]);
    const c = tf.reshape(this.wy.project(y), [1, m, -1]);
    return this.rest.apply(activate(tf.reshape(tf.add(a, c), [n * m, -1]), this.activation));
  }

  /** x `[n, xDim]`, y `[n, yDim]` → `[n, outDim]`, row k = `h([x_k, y_k])`. */
  aligned(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D {
    return this.rest.apply(activate(tf.add(tf.add(this.wx.project(x), this.wy.project(y)), this.bias), this.activation));
  }

  get variables(): tf.Variable[] {
    return [this.wx.w, this.wy.w, this.bias, ...this.rest.variables];
  }

  dispose(): void {
    tf.dispose([...this.wx.variables, ...this.wy.variables, this.bias]);
    this.rest.dispose();
  }
}
