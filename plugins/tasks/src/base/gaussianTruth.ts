import { BedError } from '@infobed/core';

/**
 * True MI in nats of `x ~ N(0, I_d)`, `y = ρx + √(1−ρ²)ε`: `−(d/2)·log(1 − ρ²)`
 * (specs/estimators.md §6). Unchanged by the cubic transform `y ↦ y³` (a bijection).
 */
export function gaussianMi(d: number, rho: number): number {
  if (!(Number.isInteger(d) && d >= 1)) throw new BedError('invalidArgument', `dim: expected an integer ≥ 1, got ${d}`);
  if (!(Math.abs(rho) < 1)) throw new BedError('invalidArgument', `rho: expected |ρ| < 1, got ${rho}`);
  return -(d / 2) * Math.log1p(-rho * rho);
}

/** The per-coordinate correlation with true MI `mi` nats in dimension d: `ρ = √(1 − e^{−2I/d})`. */
export function rhoForMi(d: number, mi: number): number {
  if (!(Number.isInteger(d) && d >= 1)) throw new BedError('invalidArgument', `dim: expected an integer ≥ 1, got ${d}`);
  if (!(mi > 0 && Number.isFinite(mi))) throw new BedError('invalidArgument', `mi: expected a finite number > 0 (nats), got ${mi}`);
  return Math.sqrt(-Math.expm1((-2 * mi) / d));
}
