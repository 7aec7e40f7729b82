import * as tf from '@tensorflow/tfjs';
import { BedError, restoreVariables, saveTensor, type SavedTensor } from '@infobed/core';
import { loadNativeGemm } from '../gemm/loadNativeGemm.js';
import { defaultThreads } from '../gemm/useNativeGemm.js';

interface WasmBackendLike {
  getMemoryOffset(dataId: object): number;
  refCount(dataId: object): number;
  wasm: { HEAPU8: Uint8Array };
}

interface Slot {
  readonly m: tf.Variable;
  readonly v: tf.Variable;
}

const f = Math.fround;

/** JSON part of an Adam checkpoint (`FusedAdam.exportState`). */
export interface AdamScalars {
  readonly accBeta1: number;
  readonly accBeta2: number;
  readonly iterations: number;
  /** Per variable (in the order given): whether it has moments yet. */
  readonly slots: readonly boolean[];
}

/** tfjs-core's `NamedTensor` (not re-exported by the umbrella package). */
type NamedTensor = { name: string; tensor: tf.Tensor };

/**
 * Adam with exactly TF.js's `AdamOptimizer` arithmetic (fp32, same operation order, same
 * ε = backend epsilon, same fp32 running β^t), but on the wasm backend with the native addon one
 * fused in-place pass per variable instead of ~13 kernels: the optimiser step was over half of a
 * `sep64` training step. Falls back to the same formula in TF.js ops elsewhere (other backends,
 * no addon, non-float32 or shared buffers). Drop-in for `tf.train.adam(lr, β₁, β₂, ε)`.
 */
export class FusedAdam extends tf.Optimizer {
  static get className(): string {
    return 'FusedAdam';
  }

  private readonly slots = new Map<string, Slot>();
  private accBeta1: number;
  private accBeta2: number;
  private readonly epsilon: number;
  private readonly threads = defaultThreads();

  constructor(
    /** Mutable so that a schedule (trainPolicy's `lrDecay`) can lower it between steps. */
    public learningRate = 0.001,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    epsilon?: number,
  ) {
    super();
    const check = (name: string, v: number, ok: boolean) => {
      if (!ok) throw new BedError('invalidArgument', `FusedAdam.${name}: expected ${name === 'learningRate' || name === 'epsilon' ? 'a number > 0' : 'a number in [0, 1)'}, got ${v}`);
    };
    check('learningRate', learningRate, learningRate > 0);
    check('beta1', beta1, beta1 >= 0 && beta1 < 1);
    check('beta2', beta2, beta2 >= 0 && beta2 < 1);
    this.epsilon = epsilon ?? tf.backend().epsilon();
    check('epsilon', this.epsilon, this.epsilon > 0);
    this.accBeta1 = f(beta1);
    this.accBeta2 = f(beta2);
  }

  private slot(name: string, value: tf.Variable): Slot {
    let s = this.slots.get(name);
    if (s === undefined) {
      s = tf.tidy(() => ({ m: tf.zerosLike(value).variable(false), v: tf.zerosLike(value).variable(false) }));
      this.slots.set(name, s);
    }
    return s;
  }

  override applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const pairs: [string, tf.Tensor][] = Array.isArray(variableGradients)
      ? variableGradients.map((v) => [v.name, v.tensor])
      : Object.entries(variableGradients);
    const omAcc1 = f(1 - this.accBeta1);
    const omAcc2 = f(1 - this.accBeta2);
    const native = tf.getBackend() === 'wasm' ? loadNativeGemm() : undefined;
    const backend = tf.backend() as unknown as WasmBackendLike;
    for (const [name, g] of pairs) {
      const value = tf.engine().registeredVariables[name];
      if (value === undefined || g == null) continue;
      const { m, v } = this.slot(name, value);
      const inPlace =
        native !== undefined &&
        value.dtype === 'float32' &&
        g.dtype === 'float32' &&
        [value, m, v].every((t) => backend.refCount(t.dataId) === 1);
      if (inPlace) {
        native.adam(
          backend.wasm.HEAPU8.buffer,
          backend.getMemoryOffset(value.dataId),
          backend.getMemoryOffset(m.dataId),
          backend.getMemoryOffset(v.dataId),
          backend.getMemoryOffset(g.dataId),
          value.size,
          f(this.beta1),
          f(1 - this.beta1),
          f(this.beta2),
          f(1 - this.beta2),
          omAcc1,
          omAcc2,
          f(this.epsilon),
          f(-this.learningRate),
          this.threads,
        );
        continue;
      }
      tf.tidy(() => {
        const nm = tf.add(tf.mul(m, this.beta1), tf.mul(g, 1 - this.beta1));
        const nv = tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
        const step = tf.mul(tf.div(tf.div(nm, omAcc1), tf.add(tf.sqrt(tf.div(nv, omAcc2)), this.epsilon)), -this.learningRate);
        m.assign(nm);
        v.assign(nv);
        value.assign(tf.add(step, value));
      });
    }
    this.accBeta1 = f(this.accBeta1 * f(this.beta1));
    this.accBeta2 = f(this.accBeta2 * f(this.beta2));
    this.incrementIterations();
  }

  /**
   * Moments (`<prefix>/<i>/m`, `<prefix>/<i>/v`) and step counters for a checkpoint, keyed by the
   * position of each variable in `vars` (variable names differ between processes).
   */
  exportState(prefix: string, vars: readonly tf.Variable[]): { scalars: AdamScalars; tensors: Record<string, SavedTensor> } {
    const tensors: Record<string, SavedTensor> = {};
    const slots = vars.map((v, i) => {
      const s = this.slots.get(v.name);
      if (s) {
        tensors[`${prefix}/${i}/m`] = saveTensor(s.m);
        tensors[`${prefix}/${i}/v`] = saveTensor(s.v);
      }
      return s !== undefined;
    });
    return { scalars: { accBeta1: this.accBeta1, accBeta2: this.accBeta2, iterations: this.iterations, slots }, tensors };
  }

  /** Restores what `exportState` saved, onto `vars` (same order and shapes). */
  importState(prefix: string, vars: readonly tf.Variable[], scalars: AdamScalars, tensors: Readonly<Record<string, SavedTensor>>): void {
    vars.forEach((v, i) => {
      if (!scalars.slots[i]) return;
      const s = this.slot(v.name, v);
      restoreVariables(`${prefix}/${i}`, [s.m], { [`${prefix}/${i}/0`]: tensors[`${prefix}/${i}/m`]! });
      restoreVariables(`${prefix}/${i}`, [s.v], { [`${prefix}/${i}/0`]: tensors[`${prefix}/${i}/v`]! });
    });
    this.accBeta1 = scalars.accBeta1;
    this.accBeta2 = scalars.accBeta2;
    (this as unknown as { iterations_: number }).iterations_ = scalars.iterations;
  }

  override dispose(): void {
    for (const s of this.slots.values()) tf.dispose([s.m, s.v]);
    this.slots.clear();
  }

  override async getWeights(): Promise<NamedTensor[]> {
    return [
      await this.saveIterations(),
      ...[...this.slots].flatMap(([n, s]) => [
        { name: `${n}/m`, tensor: s.m },
        { name: `${n}/v`, tensor: s.v },
      ]),
    ];
  }

  override async setWeights(_weights: NamedTensor[]): Promise<void> {
    throw new BedError('invalidArgument', 'FusedAdam.setWeights: restoring optimiser state is not supported');
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}
