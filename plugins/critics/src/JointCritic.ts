import * as tf from '@tensorflow/tfjs';
import type { Critic, CriticSpec, ScoreBatch } from '@infobed/core';
import { activate, Dense, Mlp, type Activation } from '@infobed/nn';
import { AuxHead } from './AuxHead.js';
import { parseCriticOptions } from './criticOptions.js';

/**
 * Joint (concatenated) critic `S_ij = h([x_i, y_j])` over all B² pairs (rows = x). The first
 * layer is factorised: `W·[x_i, y_j] = Wx·x_i + Wy·y_j`, so it costs two `[B, ·]` matmuls and a
 * broadcast add instead of a `[B², xDim + yDim]` matmul. Most expressive; B² MLP passes.
 */
export class JointCritic implements Critic {
  static readonly id = 'joint';
  readonly id = JointCritic.id;
  private readonly wx: Dense;
  private readonly wy: Dense;
  private readonly bias: tf.Variable<tf.Rank.R1>;
  private readonly rest: Mlp;
  private readonly activation: Activation;
  private readonly auxHead: AuxHead | undefined;

  constructor(spec: CriticSpec) {
    const o = parseCriticOptions(this.id, spec.options);
    const [first, ...others] = o.hidden;
    const h1 = first ?? 64;
    this.activation = o.activation;
    this.wx = new Dense(spec.xDim, h1, 'linear', spec.seed, 'joint/wx');
    this.wy = new Dense(spec.yDim, h1, 'linear', spec.seed + 1, 'joint/wy');
    this.bias = tf.tidy(() => tf.variable(tf.zeros([h1])));
    this.rest = new Mlp({ inDim: h1, hidden: others, outDim: 1, activation: o.activation, seed: spec.seed + 2, name: 'joint' });
    this.auxHead = spec.aux ? new AuxHead(spec.aux, spec.xDim, spec.yDim, o.auxHidden, o.activation, spec.seed + 200) : undefined;
  }

  /** x `[n, xDim]`, y `[m, yDim]` → first hidden layer of all n·m pairs `[n·m, h1]`. */
  private firstLayer(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D {
    const [n, m] = [x.shape[0], y.shape[0]];
    const a = tf.reshape(tf.add(this.wx.project(x), this.bias), [n, 1, -1]);
    const c = tf.reshape(this.wy.project(y), [1, m, -1]);
    return activate(tf.reshape(tf.add(a, c), [n * m, -1]), this.activation);
  }

  scores(x: tf.Tensor2D, y: tf.Tensor2D): ScoreBatch {
    const [n, m] = [x.shape[0], y.shape[0]];
    const scores = tf.reshape(this.rest.apply(this.firstLayer(x, y)), [n, m]) as tf.Tensor2D;
    return this.auxHead ? { scores, aux: this.auxHead.apply(x, y) } : { scores };
  }

  pairScores(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor1D {
    const h = activate(tf.add(tf.add(this.wx.project(x), this.wy.project(y)), this.bias), this.activation);
    return tf.reshape(this.rest.apply(h), [x.shape[0]]);
  }

  get variables(): tf.Variable[] {
    return [...this.wx.variables.slice(0, 1), ...this.wy.variables.slice(0, 1), this.bias, ...this.rest.variables, ...(this.auxHead?.variables ?? [])];
  }

  dispose(): void {
    tf.dispose([...this.wx.variables, ...this.wy.variables, this.bias]);
    this.rest.dispose();
    this.auxHead?.dispose();
  }
}
