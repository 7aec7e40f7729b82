import * as tf from '@tensorflow/tfjs';
import { BedError, DesignSpace, type NoiseDraw, type Rng, type Simulator } from '@infobed/core';
import { parseEpidemicOptions, type EpidemicOptions } from './epidemicOptions.js';
import { interpolatePaths } from './interpolatePaths.js';
import { simulatePathBank, type EpidemicModel, type PathBank } from './PathBank.js';
import { normalCdf, poissonQuantile } from './poissonQuantile.js';

/**
 * Stochastic SIR / SEIR epidemic observed at T measurement times (GradBED, iDAD;
 * specs/simulators.md §3). θ are parameters of pre-simulated Euler–Maruyama paths: `samplePrior`
 * draws bank paths uniformly, and `simulate` finds each θ row's path again (θ must come from this
 * simulator's `samplePrior`). Observation: `noiseless` y = Ĩ(τ) (linear interpolation of the
 * stored path) or `poisson` y ~ Poisson(φ·ReLU(Ĩ(τ))) by inverse CDF at Φ(z).
 * Design gradient (custom): dy/dτ = central-difference slope of the stored path; for `poisson`
 * the Gaussian relaxation y ≈ φĨ + √(φĨ)·z gives φĨ′(1 + z/(2√(φĨ))) (0 when y = 0).
 */
export class EpidemicSimulator implements Simulator {
  readonly id: EpidemicModel;
  readonly thetaNames: readonly string[];
  readonly obsDim: number;
  readonly designSpace: DesignSpace;
  readonly options: EpidemicOptions;
  readonly bank: PathBank;
  private readonly index = new Map<string, number>();
  /** Bank rows of the tensors `samplePrior` returned: no read-back of θ in a training step. */
  private readonly issued = new WeakMap<tf.Tensor, Int32Array>();

  constructor(model: EpidemicModel, options: Readonly<Record<string, unknown>> = {}) {
    this.id = model;
    this.options = parseEpidemicOptions(model, options);
    this.thetaNames = model === 'sir' ? ['beta', 'gamma'] : ['beta', 'sigma', 'gamma'];
    this.obsDim = this.options.T;
    const box = this.options.transform === 'box';
    const h = this.options.horizon;
    this.designSpace = new DesignSpace({
      dim: this.options.T,
      lower: box ? 0 : 1e-4 * h,
      upper: box ? h : h * (1 - 1e-4),
      transform: this.options.transform,
      units: 'days',
      label: 'τ',
    });
    this.bank = simulatePathBank(model, this.options);
    const bits = new Uint32Array(this.bank.theta.buffer, this.bank.theta.byteOffset, this.bank.theta.length);
    for (let r = this.bank.paths - 1; r >= 0; r--) this.index.set(keyOf(bits, r * this.bank.p, this.bank.p), r);
  }

  /** `[n, p]` parameters of n bank paths drawn uniformly with replacement. */
  samplePrior(n: number, rng: Rng): tf.Tensor2D {
    const { p, theta, paths } = this.bank;
    const out = new Float32Array(n * p);
    const rows = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const r = rng.int(paths);
      rows[i] = r;
      out.set(theta.subarray(r * p, r * p + p), i * p);
    }
    const t = tf.tensor2d(out, [n, p]);
    this.issued.set(t, rows);
    return t;
  }

  /** `{ z: [n, T] }` standard normals (used by the Poisson observation only). */
  sampleNoise(n: number, rng: Rng): NoiseDraw {
    return { z: tf.randomNormal([n, this.obsDim], 0, 1, 'float32', rng.nextSeed()) };
  }

  /**
   * Bank rows of θ `[n, p]`: remembered for tensors from `samplePrior`, else found by the float32
   * bits of each row; `invalidArgument` if a row is not a bank path.
   */
  rowsOf(theta: tf.Tensor2D): Int32Array {
    const { p } = this.bank;
    if (theta.shape.length !== 2 || theta.shape[1] !== p) {
      throw new BedError('shapeMismatch', `${this.id}: theta must be [n, ${p}] (${this.thetaNames.join(', ')}), got [${theta.shape.join(', ')}]`);
    }
    const known = this.issued.get(theta);
    if (known) return known;
    const data = Float32Array.from(theta.dataSync());
    const bits = new Uint32Array(data.buffer);
    const rows = new Int32Array(theta.shape[0]);
    for (let i = 0; i < rows.length; i++) {
      const r = this.index.get(keyOf(bits, i * p, p));
      if (r === undefined) {
        throw new BedError('invalidArgument', `${this.id}: theta row ${i} is not a pre-simulated path; θ must come from this simulator's samplePrior`);
      }
      rows[i] = r;
    }
    return rows;
  }

  /** `[n, T]` observations at the times `design` `[T]`; differentiable w.r.t. `design` (custom gradient). */
  simulate(theta: tf.Tensor2D, design: tf.Tensor1D, noise: NoiseDraw): tf.Tensor2D {
    if (design.shape.length !== 1 || design.shape[0] !== this.obsDim) {
      throw new BedError('shapeMismatch', `${this.id}: design must be [${this.obsDim}] times, got [${design.shape.join(', ')}]`);
    }
    const rows = this.rowsOf(theta);
    const z = this.options.observation === 'poisson' ? noise['z'] : undefined;
    if (z && (z.shape[0] !== rows.length || z.shape[1] !== this.obsDim)) {
      throw new BedError('shapeMismatch', `${this.id}: noise.z must be [${rows.length}, ${this.obsDim}] for the Poisson observation`);
    }
    if (this.options.observation === 'poisson' && !z) throw new BedError('shapeMismatch', `${this.id}: the Poisson observation needs noise.z`);
    return this.observeRows(rows, design, z?.dataSync());
  }

  /**
   * `[n, T]` observations of bank paths `rows` at the times `design` `[T]`, with the custom design
   * gradient (`z`: the Poisson observation's normals, row-major `[n × T]`; ignored when noiseless).
   */
  observeRows(rows: Int32Array, design: tf.Tensor1D, zs?: ArrayLike<number>): tf.Tensor2D {
    const n = rows.length;
    const t = this.obsDim;
    const poisson = this.options.observation === 'poisson';
    const phi = this.options.phi;
    const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const d = args[0] as tf.Tensor;
      const save = args[1] as tf.GradSaveFunc;
      const { values, slopes } = interpolatePaths(this.bank, rows, d.dataSync());
      if (poisson && zs) {
        for (let k = 0; k < values.length; k++) {
          const lam = phi * Math.max(0, values[k]!);
          const y = poissonQuantile(lam, normalCdf(zs[k]!));
          slopes[k] = y === 0 || lam <= 0 ? 0 : phi * slopes[k]! * (1 + zs[k]! / (2 * Math.sqrt(lam)));
          values[k] = y;
        }
      }
      const inv = 1 / this.options.obsScale;
      const dydtau = tf.tensor2d(Float32Array.from(slopes, (v) => v * inv), [n, t]);
      save([dydtau]);
      return {
        value: tf.tensor2d(Float32Array.from(values, (v) => v * inv), [n, t]),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.sum(tf.mul(dy, saved[0]!), 0),
      };
    });
    return op(design) as tf.Tensor2D;
  }
}

const keyOf = (bits: Uint32Array, at: number, p: number): string => {
  let s = '';
  for (let j = 0; j < p; j++) s += `${bits[at + j]},`;
  return s;
};
