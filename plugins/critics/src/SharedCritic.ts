import * as tf from '@tensorflow/tfjs';
import { BedError, diagPart, parsePluginOptions, type Critic, type CriticFactory, type CriticSpec, type ScoreBatch } from '@infobed/core';
import { matMul } from '@infobed/nn';
import * as z from 'zod';
import { PairMlp } from './PairMlp.js';

/** Options of the `shared` critic (config `critic.options`). */
export const SharedOptionsSchema = z
  .object({
    /** Hidden widths of the one joint network (FLO paper: [512, 512]). */
    hidden: z.array(z.number().int().positive()).min(1).default([256, 256]),
    activation: z.enum(['relu', 'tanh', 'elu']).default('relu'),
    /**
     * How the u head is read: `direct` (the paper: u = head 1) or `offset`: u = head 1 − g(x, y),
     * so head 1 only has to learn `log E_{y'} e^{g(x, y')}` (FLO's optimal u is that minus g) and
     * u follows g as g trains. Same function class, same bound; a different parameterisation.
     */
    u: z.enum(['direct', 'offset']).default('direct'),
  })
  .strict();
export type SharedOptions = z.infer<typeof SharedOptionsSchema>;

/**
 * FLO's "shared" critic (Guo et al. 2022, appendix): one joint MLP `h([x, y]) = (g, u)` with two
 * output heads, evaluated on all B² pairs. `scores[i][j] = g(x_i, y_j)` `[B, B]`; when an aux head
 * is asked for, `aux[i] = u(x_i, y_i)` `[B]` (the diagonal of the u output: `positivePair`), or
 * for `rowBaseline` the row mean `mean_j u(x_i, y_j)` (a function of x_i only). Unbounded: FLO's
 * `e^{a}` can still overflow float32, which FLO reports as a numerical error (exit 3).
 */
export class SharedCritic implements Critic {
  static readonly id = 'shared';
  readonly id = SharedCritic.id;
  readonly options: SharedOptions;
  private readonly net: PairMlp;
  private readonly aux: CriticSpec['aux'];

  constructor(spec: CriticSpec) {
    this.options = parsePluginOptions(SharedOptionsSchema, spec.options, 'critic', SharedCritic.id);
    this.net = new PairMlp(spec.xDim, spec.yDim, this.options.hidden, 2, this.options.activation, spec.seed, 'shared');
    this.aux = spec.aux;
  }

  scores(x: tf.Tensor2D, y: tf.Tensor2D): ScoreBatch {
    const [n, m] = [x.shape[0], y.shape[0]];
    const out = this.net.allPairs(x, y); // [n·m, 2]
    const scores = tf.reshape(matMul(out, tf.tensor2d([[1], [0]])), [n, m]) as tf.Tensor2D;
    if (this.aux === undefined) return { scores };
    if (n !== m) throw new BedError('shapeMismatch', `shared: x and y need the same number of rows for the u head, got ${n} and ${m}`);
    const head = matMul(out, tf.tensor2d(this.options.u === 'offset' ? [[-1], [1]] : [[0], [1]]));
    const u = tf.reshape(head, [n, m]) as tf.Tensor2D;
    return { scores, aux: this.aux === 'positivePair' ? diagPart(u) : (tf.mean(u, 1) as tf.Tensor1D) };
  }

  pairScores(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor1D {
    return tf.reshape(matMul(this.net.aligned(x, y), tf.tensor2d([[1], [0]])), [x.shape[0]]);
  }

  get variables(): tf.Variable[] {
    return this.net.variables;
  }

  dispose(): void {
    this.net.dispose();
  }
}

/** Registered under `TOKENS.CriticFactory` by the critics module. */
export const sharedCriticFactory: CriticFactory = {
  id: SharedCritic.id,
  description: "h([x, y]) = (g, u) over all B² pairs: FLO's shared critic, score and u heads on one joint network; FLO default (options: hidden, activation, u)",
  create: (spec) => new SharedCritic(spec),
};
