import * as tf from '@tensorflow/tfjs';
import type { Critic, CriticSpec, ScoreBatch } from '@infobed/core';
import { matMul, Mlp } from '@infobed/nn';
import { AuxHead } from './AuxHead.js';
import { parseCriticOptions } from './criticOptions.js';

/**
 * Separable critic `S = f(X) g(Y)ᵀ` (rows = x): two MLP towers `xDim → hidden → embed` and
 * `yDim → hidden → embed`. Cost: 2B tower passes and one `[B, e]·[e, B]` matmul; rank(S) ≤ embed.
 */
export class SeparableCritic implements Critic {
  static readonly id = 'separable';
  readonly id = SeparableCritic.id;
  private readonly f: Mlp;
  private readonly g: Mlp;
  private readonly auxHead: AuxHead | undefined;

  constructor(spec: CriticSpec) {
    const o = parseCriticOptions(this.id, spec.options);
    this.f = new Mlp({ inDim: spec.xDim, hidden: o.hidden, outDim: o.embed, activation: o.activation, seed: spec.seed, name: 'f' });
    this.g = new Mlp({ inDim: spec.yDim, hidden: o.hidden, outDim: o.embed, activation: o.activation, seed: spec.seed + 100, name: 'g' });
    this.auxHead = spec.aux ? new AuxHead(spec.aux, spec.xDim, spec.yDim, o.auxHidden, o.activation, spec.seed + 200) : undefined;
  }

  scores(x: tf.Tensor2D, y: tf.Tensor2D): ScoreBatch {
    const scores = matMul(this.f.apply(x), tf.transpose(this.g.apply(y)));
    return this.auxHead ? { scores, aux: this.auxHead.apply(x, y) } : { scores };
  }

  pairScores(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor1D {
    return tf.sum(tf.mul(this.f.apply(x), this.g.apply(y)), 1);
  }

  get variables(): tf.Variable[] {
    return [...this.f.variables, ...this.g.variables, ...(this.auxHead?.variables ?? [])];
  }

  dispose(): void {
    this.f.dispose();
    this.g.dispose();
    this.auxHead?.dispose();
  }
}
