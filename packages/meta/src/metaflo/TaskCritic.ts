import * as tf from '@tensorflow/tfjs';
import { Mlp } from '@infobed/nn';
import { bilinearScores, capLogScale, unitRows } from '@infobed/plugin-critics';

/** Options of the Meta-FLO critic (specs/meta-learning.md §2.2–2.3). */
export interface TaskCriticOptions {
  /** Hidden widths of each tower (paper: [512, 512]). */
  readonly hidden: readonly number[];
  /** Feature width before normalisation. */
  readonly embed: number;
  /** Hidden widths of the u-head (FLO: [128]). */
  readonly uHidden: readonly number[];
  /** Initial temperature: `log β` starts at `−log τ₀`. Default 0.1. */
  readonly tau0: number;
  /** `β ≤ betaMax` (default 20), so `|S| ≤ 20`. */
  readonly betaMax: number;
  /** `u = uMax·tanh(raw/uMax)` (default 40): FLO's exponent stays ≤ 80, no float32 overflow. */
  readonly uMax: number;
}

export const TASK_CRITIC_DEFAULTS: TaskCriticOptions = { hidden: [64, 64], embed: 32, uHidden: [128], tau0: 0.1, betaMax: 20, uMax: 40 };

/**
 * Bilinear unit-sphere FLO critic between per-point data embeddings `z` `[N, dz]` (row
 * `t·K + i` belongs to task t) and task embeddings `e` `[T, de]`:
 * `S = β · n(f(z)) n(g(e))ᵀ` `[N, T]` and `u_r = u([n(f(z_r)), n(g(e_{t(r)}))])` `[N]` on the
 * positive pairs. The same construction as the `bilinear` critic of `@infobed/plugin-critics`
 * (its pieces are reused), but rectangular, with K positives per task.
 */
export class TaskCritic {
  readonly options: TaskCriticOptions;
  private readonly f: Mlp;
  private readonly g: Mlp;
  private readonly uHead: Mlp;
  readonly logBeta: tf.Variable<tf.Rank.R0>;

  constructor(dataDim: number, taskDim: number, options: Partial<TaskCriticOptions>, seed: number) {
    const o = { ...TASK_CRITIC_DEFAULTS, ...options };
    this.options = o;
    this.f = new Mlp({ inDim: dataDim, hidden: o.hidden, outDim: o.embed, seed, name: 'flo-f' });
    this.g = new Mlp({ inDim: taskDim, hidden: o.hidden, outDim: o.embed, seed: seed + 100, name: 'flo-g' });
    this.uHead = new Mlp({ inDim: 2 * o.embed, hidden: o.uHidden, outDim: 1, seed: seed + 200, name: 'flo-u' });
    this.logBeta = tf.tidy(() => tf.variable(tf.scalar(-Math.log(o.tau0)), true));
  }

  /** z `[T·K, dz]`, e `[T, de]` → scores `[T·K, T]`, u `[T·K]`. */
  apply(z: tf.Tensor2D, e: tf.Tensor2D): { scores: tf.Tensor2D; u: tf.Tensor1D } {
    const n = z.shape[0];
    const t = e.shape[0];
    const k = n / t;
    const fz = unitRows(this.f.apply(z));
    const ge = unitRows(this.g.apply(e));
    const scores = bilinearScores(fz, ge, capLogScale(this.logBeta, Math.log(this.options.betaMax)));
    const gePerRow = tf.reshape(tf.tile(tf.expandDims(ge, 1), [1, k, 1]), [n, this.options.embed]) as tf.Tensor2D;
    const raw = tf.reshape(this.uHead.apply(tf.concat([fz, gePerRow], 1)), [n]);
    const u = tf.mul(tf.tanh(tf.div(raw, this.options.uMax)), this.options.uMax) as tf.Tensor1D;
    return { scores, u };
  }

  get variables(): tf.Variable[] {
    return [...this.f.variables, ...this.g.variables, this.logBeta, ...this.uHead.variables];
  }

  dispose(): void {
    this.f.dispose();
    this.g.dispose();
    this.uHead.dispose();
    this.logBeta.dispose();
  }
}
