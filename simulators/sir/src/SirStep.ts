import * as tf from '@tensorflow/tfjs';
import { BedError, DesignSpace, type DesignChain, type NoiseDraw, type Rng, type StepwiseModel } from '@infobed/core';
import type { EpidemicSimulator } from './EpidemicSimulator.js';
import { increasingTimes } from './increasingTimes.js';

/** First and last admissible times as iDAD states them for the horizon 100: τ_0 = 0.01, τ < 99.99. */
const MARGIN = 1e-4;

/**
 * One measurement of the SIR / SEIR epidemic at a per-row time (iDAD's sequential SIR,
 * specs/adaptive.md §3.3): design `[n, 1]` = τ in days, y `[n, 1]` = Ĩ(τ) (noiseless) or the
 * Poisson count, θ `[n, p]` from the simulator's bank. Times increase within a rollout
 * (`designChain`: τ_t = τ_{t−1} + sigmoid(ξ_t)·(h(1 − 10⁻⁴) − τ_{t−1}), τ_0 = 10⁻⁴·h).
 * Implicit model: the likelihood is not available (train and evaluate with a critic).
 */
export class SirStep implements StepwiseModel {
  readonly designDim = 1;
  readonly obsDim = 1;
  readonly implicit = true;
  readonly designSpace: DesignSpace;
  readonly designChain: DesignChain;

  constructor(private readonly sim: EpidemicSimulator) {
    const h = sim.options.horizon;
    this.designSpace = new DesignSpace({ dim: 1, lower: MARGIN * h, upper: h * (1 - MARGIN), transform: 'sigmoid', units: 'days', label: 'τ' });
    this.designChain = increasingTimes(MARGIN * h, h * (1 - MARGIN));
  }

  /** `{ z: [n, 1] }` for the Poisson observation; nothing for the noiseless one. */
  sampleNoise(n: number, rng: Rng): NoiseDraw {
    return this.sim.options.observation === 'poisson' ? { z: tf.randomNormal([n, 1], 0, 1, 'float32', rng.nextSeed()) } : {};
  }

  /** `[n, 1]` y of the bank paths of θ `[n, p]` at times `[n, 1]`; custom gradient dy_i/dτ_i (stored-path slope). */
  simulate(theta: tf.Tensor2D, design: tf.Tensor2D, noise: NoiseDraw): tf.Tensor2D {
    const n = theta.shape[0];
    if (design.shape.length !== 2 || design.shape[0] !== n || design.shape[1] !== 1) {
      throw new BedError('shapeMismatch', `${this.sim.id}: step design must be [${n}, 1] times, got [${design.shape.join(', ')}]`);
    }
    const z = noise['z'];
    if (this.sim.options.observation === 'poisson' && (!z || z.shape[0] !== n)) {
      throw new BedError('shapeMismatch', `${this.sim.id}: the Poisson observation needs step noise.z [${n}, 1]`);
    }
    const { bank, rows } = this.sim.locate(theta);
    return this.sim.observeRowTimes(rows, design, z?.dataSync(), bank);
  }

  logLikelihood(): tf.Tensor2D {
    return this.noLikelihood();
  }

  pairedLogLikelihood(): tf.Tensor1D {
    return this.noLikelihood();
  }

  private noLikelihood(): never {
    throw new BedError('invalidConfig', `${this.sim.id}: the epidemic SDE has no tractable likelihood (implicit model); train and evaluate policies with a critic objective, not sPCE`);
  }
}
