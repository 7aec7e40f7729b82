import * as tf from '@tensorflow/tfjs';
import { BedError } from '../errors/BedError.js';
import type { Rng } from '../rng/Rng.js';

/**
 * How a design optimiser's free variable `raw` `[dim]` maps to the design `[dim]`.
 * - `box`: raw is the design, projected onto `[lower, upper]` after every step (GradBED, MINEBED).
 * - `sigmoid`: `design = lower + (upper − lower)·sigmoid(raw)`, raw unconstrained (iDAD's times).
 */
export type DesignTransform = 'box' | 'sigmoid';

export interface DesignSpaceSpec {
  readonly dim: number;
  readonly lower: number;
  readonly upper: number;
  readonly transform: DesignTransform;
  /** Unit of a design coordinate, for plots and docs (`h`, `days`, …). */
  readonly units?: string;
  /** Name of one coordinate (`d`, `t`). */
  readonly label?: string;
}

/** A box of `dim` scalar design coordinates in `[lower, upper]`. */
export class DesignSpace implements DesignSpaceSpec {
  readonly dim: number;
  readonly lower: number;
  readonly upper: number;
  readonly transform: DesignTransform;
  readonly units: string;
  readonly label: string;

  constructor(spec: DesignSpaceSpec) {
    if (!Number.isInteger(spec.dim) || spec.dim < 1) {
      throw new BedError('invalidArgument', `design space: dim must be a positive integer, got ${spec.dim}`);
    }
    if (!(spec.lower < spec.upper)) {
      throw new BedError('invalidArgument', `design space: lower (${spec.lower}) must be below upper (${spec.upper})`);
    }
    this.dim = spec.dim;
    this.lower = spec.lower;
    this.upper = spec.upper;
    this.transform = spec.transform;
    this.units = spec.units ?? '';
    this.label = spec.label ?? 'd';
  }

  /** `[dim]` raw → `[dim]` design (elementwise, so `[n, dim]` rows too); differentiable. */
  toDesign<T extends tf.Tensor>(raw: T): T {
    if (this.transform === 'box') return raw;
    return tf.tidy(() => tf.add(this.lower, tf.mul(this.upper - this.lower, tf.sigmoid(raw))) as T);
  }

  /** After an optimiser step: `box` clips into bounds, `sigmoid` leaves raw alone. Returns a new tensor. */
  project(raw: tf.Tensor1D): tf.Tensor1D {
    return this.transform === 'box' ? tf.clipByValue(raw, this.lower, this.upper) : tf.clone(raw);
  }

  /** Inverse of `toDesign` for a valid design (open interval for `sigmoid`). */
  toRaw(design: readonly number[]): number[] {
    if (this.transform === 'box') return [...design];
    const w = this.upper - this.lower;
    return design.map((d) => {
      const p = Math.min(1 - 1e-6, Math.max(1e-6, (d - this.lower) / w));
      return Math.log(p / (1 - p));
    });
  }

  /** A random starting raw vector: uniform over the box (`box`) or raw ~ U(−2, 2) (`sigmoid`). */
  initialRaw(rng: Rng): number[] {
    return Array.from({ length: this.dim }, () =>
      this.transform === 'box' ? rng.uniformIn(this.lower, this.upper) : rng.uniformIn(-2, 2),
    );
  }

  /** Throws `invalidArgument` naming `field` unless `design` has `dim` finite entries in bounds. */
  validate(design: readonly unknown[], field: string): asserts design is number[] {
    if (design.length !== this.dim) {
      throw new BedError('invalidArgument', `${field}: expected ${this.dim} design coordinates, got ${design.length}`);
    }
    design.forEach((d, i) => {
      if (typeof d !== 'number' || !Number.isFinite(d)) {
        throw new BedError('invalidArgument', `${field}[${i}]: expected a finite number, got ${String(d)}`);
      }
      if (d < this.lower || d > this.upper) {
        throw new BedError(
          'invalidArgument',
          `${field}[${i}]: ${d} is outside the design space [${this.lower}, ${this.upper}]${this.units ? ` ${this.units}` : ''}`,
        );
      }
    });
  }
}
