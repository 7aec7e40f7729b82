import * as tf from '@tensorflow/tfjs';
import { BedError, restoreVariables, saveVariables, type SavedTensor } from '@infobed/core';
import { FusedAdam, Mlp, type AdamScalars } from '@infobed/nn';
import type { SineEpisode, SupportQuery } from '../SineFamily.js';
import { functionalMlp, taskMse, tileParams } from './functionalMlp.js';
import { innerSgd } from './innerSgd.js';
import { taskTensors } from './taskBatch.js';

/** MAML settings (specs/meta-learning.md §3). */
export interface MamlOptions {
  /** Hidden widths, default `[40, 40]` (cbfinn/maml). */
  readonly hidden: readonly number[];
  /** Inner SGD step α, default 0.01. */
  readonly innerLr: number;
  /** Inner steps during meta-training, default 1. */
  readonly innerSteps: number;
  /** FOMAML: drop second-order terms of the meta-gradient. Default false (second order). */
  readonly firstOrder: boolean;
  /** Adam meta learning rate, default 1e-3. */
  readonly metaLr: number;
  /** Seed of the Xavier-uniform initialisation (our choice; cbfinn uses truncated normal std 0.01). */
  readonly seed: number;
}

export const MAML_DEFAULTS: Omit<MamlOptions, 'seed'> = { hidden: [40, 40], innerLr: 0.01, innerSteps: 1, firstOrder: false, metaLr: 1e-3 };

/**
 * MAML (Finn et al. 2017) for 1-D regression: a ReLU MLP `1 → hidden → 1`, meta-loss = mean over
 * tasks of the query MSE after `innerSteps` SGD steps on the support. Second order by default,
 * through nested `tf.grads`; FOMAML with `firstOrder`. Owns its variables and optimiser.
 */
export class MamlLearner {
  readonly options: MamlOptions;
  private readonly net: Mlp;
  private readonly optimiser: FusedAdam;

  constructor(options: Partial<MamlOptions> & { seed: number }) {
    this.options = { ...MAML_DEFAULTS, ...options };
    const o = this.options;
    if (!(o.innerLr > 0)) throw new BedError('invalidArgument', `maml.innerLr: expected a number > 0, got ${o.innerLr}`);
    if (!Number.isInteger(o.innerSteps) || o.innerSteps < 1) throw new BedError('invalidArgument', `maml.innerSteps: expected an integer ≥ 1, got ${o.innerSteps}`);
    if (!(o.metaLr > 0)) throw new BedError('invalidArgument', `maml.metaLr: expected a number > 0, got ${o.metaLr}`);
    this.net = new Mlp({ inDim: 1, hidden: o.hidden, outDim: 1, activation: 'relu', seed: o.seed, name: 'maml' });
    this.optimiser = new FusedAdam(o.metaLr);
  }

  /** The shared initialisation θ (`[W₀, b₀, …]`). */
  get variables(): tf.Variable[] {
    return this.net.variables;
  }

  get parameterCount(): number {
    return this.net.size;
  }

  /** Scalar meta-loss `mean_t MSE_query(θ − α∇MSE_support(θ))`, differentiable in θ. */
  metaLoss(episode: SupportQuery, firstOrder = this.options.firstOrder): tf.Scalar {
    return tf.tidy(() => {
      const s = taskTensors(episode.support);
      const q = taskTensors(episode.query);
      const theta = tileParams(this.net.variables, episode.support.tasks);
      const adapted = innerSgd(theta, s.x, s.y, this.options.innerLr, this.options.innerSteps, firstOrder);
      return tf.mean(taskMse(adapted, q.x, q.y)) as tf.Scalar;
    });
  }

  /** One Adam step on the meta-loss; returns its value before the step. */
  trainStep(episode: SupportQuery): number {
    const loss = this.optimiser.minimize(() => this.metaLoss(episode), true, this.net.variables);
    const v = loss!.dataSync()[0]!;
    loss!.dispose();
    if (!Number.isFinite(v)) throw new BedError('numerical', `maml: meta-loss is ${v}; lower maml.metaLr or maml.innerLr`);
    return v;
  }

  /**
   * Predictions at `query` after 0…`maxSteps` inner SGD steps on `support` (same tasks, one
   * adaptation per task, no meta-update): `maxSteps + 1` arrays `[T·n]`.
   */
  adaptAndPredict(support: SineEpisode, query: SineEpisode, maxSteps: number): Float32Array[] {
    const s = taskTensors(support);
    const qx = tf.tensor3d(query.x, [query.tasks, query.points, 1]);
    let theta = tf.tidy(() => tileParams(this.net.variables, support.tasks));
    const out: Float32Array[] = [];
    for (let step = 0; ; step++) {
      out.push(tf.tidy(() => functionalMlp(theta, qx).dataSync() as Float32Array));
      if (step === maxSteps) break;
      const next = tf.tidy(() => innerSgd(theta, s.x, s.y, this.options.innerLr, 1, true));
      tf.dispose(theta);
      theta = next;
    }
    tf.dispose([...theta, s.x, s.y, qx]);
    return out;
  }

  /** θ and the Adam state, for a checkpoint. */
  exportState(): { scalars: { opt: AdamScalars }; tensors: Record<string, SavedTensor> } {
    const a = this.optimiser.exportState('opt', this.net.variables);
    return { scalars: { opt: a.scalars }, tensors: { ...saveVariables('net', this.net.variables), ...a.tensors } };
  }

  importState(scalars: { opt: AdamScalars }, tensors: Readonly<Record<string, SavedTensor>>): void {
    restoreVariables('net', this.net.variables, tensors);
    this.optimiser.importState('opt', this.net.variables, scalars.opt, tensors);
  }

  dispose(): void {
    this.net.dispose();
    this.optimiser.dispose();
  }
}
