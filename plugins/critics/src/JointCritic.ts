import * as tf from '@tensorflow/tfjs';
import type { Critic, CriticSpec, ScoreBatch } from '@infobed/core';
import { AuxHead } from './AuxHead.js';
import { parseCriticOptions } from './criticOptions.js';
import { PairMlp } from './PairMlp.js';

/**
 * Joint (concatenated) critic `S_ij = h([x_i, y_j])` over all B² pairs (rows = x), first layer
 * factorised (`PairMlp`). Most expressive; B² MLP passes.
 */
export class JointCritic implements Critic {
  static readonly id = 'joint';
  readonly id = JointCritic.id;
  private readonly net: PairMlp;
  private readonly auxHead: AuxHead | undefined;

  constructor(spec: CriticSpec) {
    const o = parseCriticOptions(this.id, spec.options);
    this.net = new PairMlp(spec.xDim, spec.yDim, o.hidden, 1, o.activation, spec.seed, 'joint');
    this.auxHead = spec.aux ? new AuxHead(spec.aux, spec.xDim, spec.yDim, o.auxHidden, o.activation, spec.seed + 200) : undefined;
  }

  scores(x: tf.Tensor2D, y: tf.Tensor2D): ScoreBatch {
    const scores = tf.reshape(this.net.allPairs(x, y), [x.shape[0], y.shape[0]]) as tf.Tensor2D;
    return this.auxHead ? { scores, aux: this.auxHead.apply(x, y) } : { scores };
  }

  pairScores(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor1D {
    return tf.reshape(this.net.aligned(x, y), [x.shape[0]]);
  }

  get variables(): tf.Variable[] {
    return [...this.net.variables, ...(this.auxHead?.variables ?? [])];
  }

  dispose(): void {
    this.net.dispose();
    this.auxHead?.dispose();
  }
}
