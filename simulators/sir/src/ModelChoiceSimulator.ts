import * as tf from '@tensorflow/tfjs';
import { BedError, type DesignSpace, type NoiseDraw, type Rng, type Simulator } from '@infobed/core';
import { EpidemicSimulator } from './EpidemicSimulator.js';

/**
 * SIR vs SEIR model discrimination (GradBED `sde_md_train_obs.py`; specs/simulators.md §3.2):
 * θ = model index m ∈ {0 = SIR, 1 = SEIR}, m ~ U{0, 1}; the epidemic parameters and Brownian path
 * are nuisance randomness: `sampleNoise` draws `path` `[n]` ~ U(0, 1), which picks a path of
 * model m's bank (row ⌊path·paths⌋), plus the Poisson normals `z` `[n, T]`. The design gradient is
 * the banks' custom central-difference gradient. MI ≤ log 2 ≈ 0.693 nats.
 * Options: those of `sir`/`seir` (one bank each, same options); default T = 2.
 */
export class ModelChoiceSimulator implements Simulator {
  static readonly id = 'sir-vs-seir';
  readonly id = ModelChoiceSimulator.id;
  readonly thetaNames = ['model'] as const;
  readonly obsDim: number;
  readonly designSpace: DesignSpace;
  readonly sir: EpidemicSimulator;
  readonly seir: EpidemicSimulator;

  constructor(options: Readonly<Record<string, unknown>> = {}) {
    const o = { T: 2, ...options };
    this.sir = new EpidemicSimulator('sir', o);
    this.seir = new EpidemicSimulator('seir', o);
    this.obsDim = this.sir.obsDim;
    this.designSpace = this.sir.designSpace;
  }

  /** `[n, 1]` model indices, 0 (SIR) or 1 (SEIR) with probability ½ each. */
  samplePrior(n: number, rng: Rng): tf.Tensor2D {
    return tf.tensor2d(Float32Array.from({ length: n }, () => rng.int(2)), [n, 1]);
  }

  /** `{ path: [n] uniform, z: [n, T] standard normal }`. */
  sampleNoise(n: number, rng: Rng): NoiseDraw {
    return {
      path: tf.randomUniform([n], 0, 1, 'float32', rng.nextSeed()),
      z: tf.randomNormal([n, this.obsDim], 0, 1, 'float32', rng.nextSeed()),
    };
  }

  /** `[n, T]`: model m's bank path observed at `design` `[T]`; differentiable w.r.t. `design`. */
  simulate(theta: tf.Tensor2D, design: tf.Tensor1D, noise: NoiseDraw): tf.Tensor2D {
    const n = theta.shape[0];
    const u = noise['path'];
    const z = noise['z'];
    if (theta.shape[1] !== 1) throw new BedError('shapeMismatch', `${this.id}: theta must be [n, 1] (model index), got [${theta.shape.join(', ')}]`);
    if (!u || u.size !== n || !z || z.shape[0] !== n || z.shape[1] !== this.obsDim) {
      throw new BedError('shapeMismatch', `${this.id}: noise must hold path [${n}] and z [${n}, ${this.obsDim}]`);
    }
    if (design.shape[0] !== this.obsDim) throw new BedError('shapeMismatch', `${this.id}: design must be [${this.obsDim}] times, got [${design.shape.join(', ')}]`);
    const m = theta.dataSync();
    const us = u.dataSync();
    const zs = z.dataSync();
    for (let i = 0; i < n; i++) {
      if (m[i] !== 0 && m[i] !== 1) throw new BedError('invalidArgument', `${this.id}: theta[${i}] must be 0 (SIR) or 1 (SEIR), got ${m[i]}`);
    }
    const pick = (sim: EpidemicSimulator): Int32Array => Int32Array.from(us, (v) => Math.min(sim.bank.paths - 1, Math.floor(v * sim.bank.paths)));
    return tf.tidy(() => {
      const ySir = this.sir.observeRows(pick(this.sir), design, zs);
      const ySeir = this.seir.observeRows(pick(this.seir), design, zs);
      const mask = tf.tensor2d(Float32Array.from(m), [n, 1]);
      return tf.add(tf.mul(mask, ySeir), tf.mul(tf.sub(1, mask), ySir)) as tf.Tensor2D;
    });
  }
}
