import * as tf from '@tensorflow/tfjs';
import { BedError, type Critic, type CriticFactory, type CriticSpec, type ScoreBatch } from '@infobed/core';
import { Mlp } from '@infobed/nn';
import { bilinearScores, capLogScale, unitRows } from './bilinearScores.js';
import { parseBilinearOptions, type BilinearOptions } from './BilinearCriticOptions.js';

/**
 * Bilinear unit-sphere critic (specs/estimators.md §3.9.1, §5): `S = β · n(f(X)) n(g(Y))ᵀ`, with
 * n = row-wise L2 normalisation and a learnable `log β` (init `−log τ₀`) capped at `β ≤ β_max`.
 * So `|S| ≤ β_max`. The aux head reads the **normalised** features (before the β scaling) and is
 * bounded: `u = u_max · tanh(raw / u_max)`. With `u_max + 2β_max ≤ 80`, FLO's exponent
 * `a_i ≤ 80 < 88.7`: float32 overflow is impossible by construction.
 */
export class BilinearCritic implements Critic {
  static readonly id = 'bilinear';
  readonly id = BilinearCritic.id;
  readonly options: BilinearOptions;
  private readonly f: Mlp;
  private readonly g: Mlp;
  /** `log β` (scalar variable). */
  readonly logBeta: tf.Variable<tf.Rank.R0>;
  private readonly auxMlp: Mlp | undefined;
  private readonly auxKind: CriticSpec['aux'];

  constructor(spec: CriticSpec) {
    const o = parseBilinearOptions(spec.options);
    this.options = o;
    this.f = new Mlp({ inDim: spec.xDim, hidden: o.hidden, outDim: o.embed, activation: o.activation, seed: spec.seed, name: 'bf' });
    this.g = new Mlp({ inDim: spec.yDim, hidden: o.hidden, outDim: o.embed, activation: o.activation, seed: spec.seed + 100, name: 'bg' });
    this.logBeta = tf.tidy(() => tf.variable(tf.scalar(-Math.log(o.tau0)), o.learnTemperature));
    this.auxKind = spec.aux;
    if (spec.aux !== undefined) {
      const inDim = spec.aux === 'positivePair' ? 2 * o.embed : o.embed;
      this.auxMlp = new Mlp({ inDim, hidden: o.auxHidden, outDim: 1, activation: o.activation, seed: spec.seed + 200, name: 'bu' });
    }
  }

  /** The effective `β = min(e^{log β}, β_max)` (a number; for logs and tests). */
  get beta(): number {
    return Math.min(Math.exp(this.logBeta.dataSync()[0]!), this.options.betaMax);
  }

  scores(x: tf.Tensor2D, y: tf.Tensor2D): ScoreBatch {
    const fx = unitRows(this.f.apply(x));
    const gy = unitRows(this.g.apply(y));
    const scores = bilinearScores(fx, gy, capLogScale(this.logBeta, Math.log(this.options.betaMax)));
    if (this.auxMlp === undefined) return { scores };
    if (fx.shape[0] !== gy.shape[0]) throw new BedError('shapeMismatch', `bilinear: x and y need the same number of rows for the aux head, got ${fx.shape[0]} and ${gy.shape[0]}`);
    const input = this.auxKind === 'positivePair' ? tf.concat([fx, gy], 1) : fx;
    const raw = tf.reshape(this.auxMlp.apply(input), [fx.shape[0]]) as tf.Tensor1D;
    const u = this.options.uMax;
    return { scores, aux: tf.mul(tf.tanh(tf.div(raw, u)), u) as tf.Tensor1D };
  }

  pairScores(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor1D {
    const beta = tf.exp(capLogScale(this.logBeta, Math.log(this.options.betaMax)));
    return tf.mul(tf.sum(tf.mul(unitRows(this.f.apply(x)), unitRows(this.g.apply(y))), 1), beta) as tf.Tensor1D;
  }

  get variables(): tf.Variable[] {
    return [...this.f.variables, ...this.g.variables, ...(this.options.learnTemperature ? [this.logBeta] : []), ...(this.auxMlp?.variables ?? [])];
  }

  dispose(): void {
    this.f.dispose();
    this.g.dispose();
    this.logBeta.dispose();
    this.auxMlp?.dispose();
  }
}

/** Registered under `TOKENS.CriticFactory` by the critics module. */
export const bilinearCriticFactory: CriticFactory = {
  id: BilinearCritic.id,
  description: 'β·n(f(x))·n(g(y)): unit-sphere critic, learnable log β ≤ log betaMax, bounded aux head; FLO default (options: hidden, embed, tau0, betaMax, uMax)',
  boundedScores: true,
  create: (spec) => new BilinearCritic(spec),
};
