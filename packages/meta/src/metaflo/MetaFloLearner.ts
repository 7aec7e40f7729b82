import * as tf from '@tensorflow/tfjs';
import { BedError, restoreVariables, saveVariables, stopGradient, type Rng, type RngState, type SavedTensor } from '@infobed/core';
import { FusedAdam, type AdamScalars } from '@infobed/nn';
import type { SineEpisode, SupportQuery } from '../SineFamily.js';
import { assertFiniteLoss, floRowLoss, positiveMasks, type PositiveMasks } from './floRowLoss.js';
import { MetaFloModel, type MetaFloModelOptions } from './MetaFloModel.js';
import { TaskCritic, type TaskCriticOptions } from './TaskCritic.js';

/** Meta-FLO settings (specs/meta-learning.md §2.3). `lambda = 0` is the CNP-style ablation. */
export interface MetaFloOptions extends MetaFloModelOptions {
  /** Weight λ of `√max(Î_FLO, 0)` in the model loss (paper 1e-2; 0 = CNP-style). */
  readonly lambda: number;
  /** Adam learning rate of encoder + regressor (default 1e-3). */
  readonly lr: number;
  /** Adam learning rate of the FLO critic (default 1e-4). */
  readonly criticLr: number;
  readonly critic: Partial<TaskCriticOptions>;
}

export const METAFLO_DEFAULTS: MetaFloOptions = {
  hidden: [128, 128],
  embedDim: 64,
  stochastic: true,
  lambda: 1e-2,
  lr: 1e-3,
  criticLr: 1e-4,
  critic: { hidden: [128, 128], embed: 32, uHidden: [128] },
};

/** One episode's training record. */
export interface MetaFloStep {
  /** Query MSE `R̂` (before the model step). */
  readonly mse: number;
  /** FLO estimate `Î(z; E)` in nats from the critic step (before it). */
  readonly mi: number;
}

/**
 * Our implementation of Meta-FLO: per episode, (1) one Adam step on the critic minimising the FLO
 * loss on **detached** embeddings, (2) one Adam step on encoder + regressor (critic frozen)
 * minimising `R̂ + λ·√(max(Î, 0) + 1e-8)`. Positives `(μ_{t,i}, E_t)`, negatives `(μ_{t,i}, E_t′)`.
 */
export class MetaFloLearner {
  readonly options: MetaFloOptions;
  readonly model: MetaFloModel;
  readonly critic: TaskCritic;
  private readonly opt: FusedAdam;
  private readonly criticOpt: FusedAdam;
  private masks: PositiveMasks | undefined;

  constructor(
    options: Partial<MetaFloOptions>,
    private readonly rng: Rng,
  ) {
    const o = { ...METAFLO_DEFAULTS, ...options, critic: { ...METAFLO_DEFAULTS.critic, ...options.critic } };
    if (!(o.lambda >= 0)) throw new BedError('invalidArgument', `metaflo.lambda: expected a number ≥ 0, got ${o.lambda}`);
    if (!(o.lr > 0)) throw new BedError('invalidArgument', `metaflo.lr: expected a number > 0, got ${o.lr}`);
    if (!(o.criticLr > 0)) throw new BedError('invalidArgument', `metaflo.criticLr: expected a number > 0, got ${o.criticLr}`);
    if (!Number.isInteger(o.embedDim) || o.embedDim < 1) throw new BedError('invalidArgument', `metaflo.embedDim: expected an integer ≥ 1, got ${o.embedDim}`);
    this.options = o;
    this.model = new MetaFloModel(o, rng.int(1_000_000));
    this.critic = new TaskCritic(o.embedDim, o.embedDim, o.critic, rng.int(1_000_000));
    this.opt = new FusedAdam(o.lr);
    this.criticOpt = new FusedAdam(o.criticLr);
  }

  private masksFor(tasks: number, k: number): PositiveMasks {
    if (this.masks === undefined || this.masks.positive.shape[0] !== tasks * k || this.masks.positive.shape[1] !== tasks) {
      if (this.masks) tf.dispose([this.masks.positive, this.masks.negatives]);
      this.masks = positiveMasks(tasks, k);
    }
    return this.masks;
  }

  private flo(e: { points: tf.Tensor2D; tasks: tf.Tensor2D }, masks: PositiveMasks): { loss: tf.Scalar; mi: tf.Scalar } {
    const o = this.critic.apply(e.points, e.tasks);
    return floRowLoss(o.scores, o.u, masks);
  }

  /** One episode (critic step, then model step). */
  trainStep(ep: SupportQuery): MetaFloStep {
    const masks = this.masksFor(ep.support.tasks, ep.support.points);
    const seed = this.options.stochastic ? this.rng.nextSeed() : undefined;
    const criticLoss = this.criticOpt.minimize(
      () => {
        const e = this.model.embed(ep.support, seed);
        return this.flo({ points: stopGradient(e.points), tasks: stopGradient(e.tasks) }, masks).loss;
      },
      true,
      this.critic.variables,
    )!;
    const mi = -assertFiniteLoss('meta-flo critic', criticLoss.dataSync()[0]!);
    criticLoss.dispose();
    const lambda = this.options.lambda;
    let kept: tf.Scalar | undefined;
    const loss = this.opt.minimize(
      () => {
        const e = this.model.embed(ep.support, seed);
        const r = tf.mean(tf.squaredDifference(this.model.predict(e.tasks, ep.query), tf.tensor2d(ep.query.y, [ep.query.y.length, 1]))) as tf.Scalar;
        kept = tf.keep(r);
        if (lambda === 0) return r;
        const iHat = this.flo(e, masks).mi;
        return tf.add(r, tf.mul(lambda, tf.sqrt(tf.add(tf.relu(iHat), 1e-8)))) as tf.Scalar;
      },
      true,
      this.model.variables,
    )!;
    const mse = kept!.dataSync()[0]!;
    const total = loss.dataSync()[0]!;
    tf.dispose([kept!, loss]);
    assertFiniteLoss('meta-flo model', mse);
    assertFiniteLoss('meta-flo model', total);
    return { mse, mi };
  }

  /** Predictions `[T·Q]` at the queries from the mean task embedding of the supports (one forward pass). */
  predict(support: SineEpisode, query: SineEpisode): Float32Array {
    return tf.tidy(() => this.model.predict(this.model.embed(support).tasks, query).dataSync() as Float32Array);
  }

  /** Weights, both optimisers and the model stream, for a checkpoint (`importState` restores them). */
  exportState(): { scalars: { opt: AdamScalars; criticOpt: AdamScalars; rng: RngState }; tensors: Record<string, SavedTensor> } {
    const a = this.opt.exportState('opt', this.model.variables);
    const c = this.criticOpt.exportState('criticOpt', this.critic.variables);
    return {
      scalars: { opt: a.scalars, criticOpt: c.scalars, rng: this.rng.state() },
      tensors: { ...saveVariables('model', this.model.variables), ...saveVariables('critic', this.critic.variables), ...a.tensors, ...c.tensors },
    };
  }

  importState(scalars: { opt: AdamScalars; criticOpt: AdamScalars; rng: RngState }, tensors: Readonly<Record<string, SavedTensor>>): void {
    restoreVariables('model', this.model.variables, tensors);
    restoreVariables('critic', this.critic.variables, tensors);
    this.opt.importState('opt', this.model.variables, scalars.opt, tensors);
    this.criticOpt.importState('criticOpt', this.critic.variables, scalars.criticOpt, tensors);
    this.rng.restoreFrom(scalars.rng);
  }

  dispose(): void {
    this.model.dispose();
    this.critic.dispose();
    this.opt.dispose();
    this.criticOpt.dispose();
    if (this.masks) tf.dispose([this.masks.positive, this.masks.negatives]);
  }
}
