import { MersenneTwister19937, Random } from 'random-js';

/** Where a generator is in its stream: enough to rebuild it exactly (`Rng.restore`). JSON-safe. */
export interface RngState {
  readonly seed: number;
  /** 32-bit outputs drawn from the engine so far. */
  readonly uses: number;
  /** The cached second normal of the polar method, if any. */
  readonly spareNormal?: number;
}

/**
 * The one source of randomness in InfoBED: a seeded Mersenne Twister (random-js). TF.js random
 * ops take their seed from `nextSeed()`, so a run is reproducible on one backend. Independent
 * streams (train / validation / test, prior / noise) come from `fork(label)`.
 */
export class Rng {
  private engine: MersenneTwister19937;
  private random: Random;
  private spareNormal: number | undefined;

  constructor(readonly seed: number) {
    if (!Number.isInteger(seed)) throw new RangeError(`Rng: seed must be an integer, got ${seed}`);
    this.engine = MersenneTwister19937.seed(seed | 0);
    this.random = new Random(this.engine);
  }

  /** The stream position (checkpoints). */
  state(): RngState {
    return { seed: this.seed, uses: this.engine.getUseCount(), ...(this.spareNormal !== undefined ? { spareNormal: this.spareNormal } : {}) };
  }

  /** A generator at `state`: the same outputs as the one that produced it, from there on. */
  static restore(state: RngState): Rng {
    const r = new Rng(state.seed);
    r.engine.discard(state.uses);
    r.spareNormal = state.spareNormal;
    return r;
  }

  /** Moves this generator to `state` (same seed), for streams held by reference. */
  restoreFrom(state: RngState): void {
    if (state.seed !== this.seed) throw new RangeError(`Rng.restoreFrom: state of seed ${state.seed}, generator of seed ${this.seed}`);
    this.engine = MersenneTwister19937.seed(this.seed | 0).discard(state.uses);
    this.random = new Random(this.engine);
    this.spareNormal = state.spareNormal;
  }

  /** A fresh non-negative 31-bit integer, for `seed` arguments of TF.js ops. */
  nextSeed(): number {
    return this.engine.next() >>> 1;
  }

  /** Uniform on [0, 1). */
  uniform(): number {
    return this.random.real(0, 1, false);
  }

  /** Uniform on [lo, hi). */
  uniformIn(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /** Standard normal (Marsaglia polar method). */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const z = this.spareNormal;
      this.spareNormal = undefined;
      return z;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const k = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * k;
    return u * k;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return this.random.integer(0, n - 1);
  }

  /**
   * An independent stream named `label`, derived from this generator's seed (not its state), so
   * `rng.fork('test')` is the same stream however much `rng` has been used.
   */
  fork(label: string): Rng {
    let h = (this.seed ^ 0x9e3779b9) >>> 0;
    for (let i = 0; i < label.length; i++) {
      h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
    }
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
    return new Rng(h | 0);
  }
}
