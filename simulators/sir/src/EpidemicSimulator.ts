import * as tf from '@tensorflow/tfjs';
import { BedError, DesignSpace, type NoiseDraw, type Rng, type Simulator } from '@infobed/core';
import { parseEpidemicOptions, type EpidemicOptions } from './epidemicOptions.js';
import { interpolatePaths, interpolateRowTimes, type PathLookup } from './interpolatePaths.js';
import { simulatePathBank, type EpidemicModel, type PathBank } from './PathBank.js';
import { normalCdf, poissonQuantile } from './poissonQuantile.js';
import { SirStep } from './SirStep.js';

/** Bank paths of a batch of θ: the bank that issued them and their rows in it. */
interface Located {
  readonly bank: PathBank;
  readonly rows: Int32Array;
}

/**
 * Stochastic SIR / SEIR epidemic observed at T measurement times (GradBED, iDAD;
 * specs/simulators.md §3). θ are parameters of pre-simulated Euler–Maruyama paths: `samplePrior`
 * draws bank paths uniformly, and `simulate` finds each θ row's path again (θ must come from this
 * simulator's `samplePrior`). Observation: `noiseless` y = Ĩ(τ) (linear interpolation of the
 * stored path) or `poisson` y ~ Poisson(φ·ReLU(Ĩ(τ))) by inverse CDF at Φ(z).
 * Design gradient (custom): dy/dτ = central-difference slope of the stored path; for `poisson`
 * the Gaussian relaxation y ≈ φĨ + √(φĨ)·z gives φĨ′(1 + z/(2√(φĨ))) (0 when y = 0).
 * Sequential use (`stepwise`): one time per step, increasing (iDAD). With `refreshEvery` > 0 the
 * bank is re-simulated from a new seed every `refreshEvery` prior draws (iDAD re-simulates every
 * 10k steps) so long trainings do not overfit one set of paths; θ already drawn keep their bank.
 */
export class EpidemicSimulator implements Simulator {
  readonly id: EpidemicModel;
  readonly thetaNames: readonly string[];
  readonly obsDim: number;
  readonly designSpace: DesignSpace;
  readonly options: EpidemicOptions;
  /** One increasing measurement time per step (sequential experiments, specs/adaptive.md §3.3). */
  readonly stepwise: SirStep;
  /** The bank θ are drawn from now; simulated on first use (`policy next` never needs one). */
  private currentBank: PathBank | undefined;
  private index = new Map<string, number>();
  /** Bank and rows of the tensors `samplePrior` returned: no read-back of θ in a training step. */
  private readonly issued = new WeakMap<tf.Tensor, Located>();
  private draws = 0;
  /** Banks simulated so far beyond the first (bank k uses seed bankSeed + k·REFRESH_SEED_STRIDE). */
  private refreshes = 0;

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
    this.stepwise = new SirStep(this);
  }

  private install(bank: PathBank): PathBank {
    this.currentBank = bank;
    this.index = indexOf(bank);
    return bank;
  }

  /** The bank θ are drawn from now (the first one is simulated here, on first use). */
  get bank(): PathBank {
    return this.currentBank ?? this.install(simulatePathBank(this.id, this.options));
  }

  /** Banks re-simulated so far (0 until the first refresh). */
  get generation(): number {
    return this.refreshes;
  }

  /** Replaces the bank by a new one from seed bankSeed + (generation + 1)·REFRESH_SEED_STRIDE (same options otherwise). */
  refreshBank(): void {
    this.refreshes++;
    this.install(simulatePathBank(this.id, { ...this.options, bankSeed: this.options.bankSeed + this.refreshes * REFRESH_SEED_STRIDE }));
  }

  /** The bank-refresh state: prior draws so far and the bank generation (policy checkpoints). */
  priorState(): { draws: number; generation: number } {
    return { draws: this.draws, generation: this.refreshes };
  }

  /** Continues from `priorState()`: the same draw count and, re-simulated from its seed, the same bank. */
  restorePriorState(state: unknown): void {
    const st = state as { draws?: unknown; generation?: unknown } | undefined;
    if (!st || !Number.isInteger(st.draws) || !Number.isInteger(st.generation)) throw new BedError('invalidArgument', `${this.id}: bad prior state in checkpoint: ${JSON.stringify(state)}`);
    this.draws = st.draws as number;
    if (st.generation !== this.refreshes) {
      this.refreshes = (st.generation as number) - 1;
      this.refreshBank();
    }
  }

  /** `[n, p]` parameters of n bank paths drawn uniformly with replacement (refreshing the bank first when due). */
  samplePrior(n: number, rng: Rng): tf.Tensor2D {
    const every = this.options.refreshEvery;
    if (every > 0 && this.draws > 0 && this.draws % every === 0) this.refreshBank();
    this.draws++;
    const bank = this.bank;
    const { p, theta, paths } = bank;
    const out = new Float32Array(n * p);
    const rows = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const r = rng.int(paths);
      rows[i] = r;
      out.set(theta.subarray(r * p, r * p + p), i * p);
    }
    const t = tf.tensor2d(out, [n, p]);
    this.issued.set(t, { bank, rows });
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
    return this.locate(theta).rows;
  }

  /** The bank and rows of θ `[n, p]` (see `rowsOf`). */
  locate(theta: tf.Tensor2D): Located {
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
    return { bank: this.bank, rows };
  }

  /** `[n, T]` observations at the times `design` `[T]`; differentiable w.r.t. `design` (custom gradient). */
  simulate(theta: tf.Tensor2D, design: tf.Tensor1D, noise: NoiseDraw): tf.Tensor2D {
    if (design.shape.length !== 1 || design.shape[0] !== this.obsDim) {
      throw new BedError('shapeMismatch', `${this.id}: design must be [${this.obsDim}] times, got [${design.shape.join(', ')}]`);
    }
    const { bank, rows } = this.locate(theta);
    const z = this.options.observation === 'poisson' ? noise['z'] : undefined;
    if (z && (z.shape[0] !== rows.length || z.shape[1] !== this.obsDim)) {
      throw new BedError('shapeMismatch', `${this.id}: noise.z must be [${rows.length}, ${this.obsDim}] for the Poisson observation`);
    }
    if (this.options.observation === 'poisson' && !z) throw new BedError('shapeMismatch', `${this.id}: the Poisson observation needs noise.z`);
    return this.observeRows(rows, design, z?.dataSync(), bank);
  }

  /**
   * `[n, T]` observations of bank paths `rows` at the times `design` `[T]`, with the custom design
   * gradient (`z`: the Poisson observation's normals, row-major `[n × T]`; ignored when noiseless).
   */
  observeRows(rows: Int32Array, design: tf.Tensor1D, zs?: ArrayLike<number>, bank: PathBank = this.bank): tf.Tensor2D {
    const t = this.obsDim;
    return this.observe(design, [rows.length, t], (times) => interpolatePaths(bank, rows, times), zs, true);
  }

  /**
   * `[n, 1]` observations of bank paths `rows`, row i at its own time `times[i]` (`[n, 1]`, one
   * sequential step), with the custom gradient dy_i/dτ_i; `zs` `[n]` for the Poisson observation.
   */
  observeRowTimes(rows: Int32Array, times: tf.Tensor2D, zs: ArrayLike<number> | undefined, bank: PathBank): tf.Tensor2D {
    return this.observe(times, [rows.length, 1], (ts) => interpolateRowTimes(bank, rows, ts), zs, false);
  }

  /** Observation op over `lookup` of the design values; the gradient sums over rows when the design is shared (`[T]`). */
  private observe(design: tf.Tensor, shape: [number, number], lookup: (times: ArrayLike<number>) => PathLookup, zs: ArrayLike<number> | undefined, shared: boolean): tf.Tensor2D {
    const poisson = this.options.observation === 'poisson';
    const phi = this.options.phi;
    const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const d = args[0] as tf.Tensor;
      const save = args[1] as tf.GradSaveFunc;
      const { values, slopes } = lookup(d.dataSync());
      if (poisson && zs) {
        for (let k = 0; k < values.length; k++) {
          const lam = phi * Math.max(0, values[k]!);
          const y = poissonQuantile(lam, normalCdf(zs[k]!));
          slopes[k] = y === 0 || lam <= 0 ? 0 : phi * slopes[k]! * (1 + zs[k]! / (2 * Math.sqrt(lam)));
          values[k] = y;
        }
      }
      const inv = 1 / this.options.obsScale;
      const dydtau = tf.tensor2d(Float32Array.from(slopes, (v) => v * inv), shape);
      save([dydtau]);
      return {
        value: tf.tensor2d(Float32Array.from(values, (v) => v * inv), shape),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => (shared ? tf.sum(tf.mul(dy, saved[0]!), 0) : tf.mul(dy, saved[0]!)),
      };
    });
    return op(design) as tf.Tensor2D;
  }
}

/** Seed offset between successive refreshed banks. */
const REFRESH_SEED_STRIDE = 1_000_003;

const indexOf = (bank: PathBank): Map<string, number> => {
  const index = new Map<string, number>();
  const bits = new Uint32Array(bank.theta.buffer, bank.theta.byteOffset, bank.theta.length);
  for (let r = bank.paths - 1; r >= 0; r--) index.set(keyOf(bits, r * bank.p, bank.p), r);
  return index;
};

const keyOf = (bits: Uint32Array, at: number, p: number): string => {
  let s = '';
  for (let j = 0; j < p; j++) s += `${bits[at + j]},`;
  return s;
};
