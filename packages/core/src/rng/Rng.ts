import { MersenneTwister19937, Random } from 'random-js';

/**
 * The one source of randomness in InfoBED: a seeded Mersenne Twister (random-js). TF.js random
 * ops take their seed from `nextSeed()`, so a run is reproducible on one backend. Independent
 * streams (train / validation / test, prior / noise) come from `fork(label)`.
 */
export class Rng {
  private readonly engine: MersenneTwister19937;
  private readonly random: Random;
  private spareNormal: number | undefined;

  constructor(readonly seed: number) {
    if (!Number.isInteger(seed)) throw new RangeError(`Rng: seed must be an integer, got ${seed}`);
    this.engine = MersenneTwister19937.seed(seed | 0);
    this.random = new Random(this.engine);
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
