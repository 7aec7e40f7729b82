import type { Rng } from '@infobed/core';

/** A joint distribution of (x, y) in float64 with its true MI and pointwise MI (the base of every task). */
export interface PairDistribution {
  readonly label: string;
  readonly xDim: number;
  readonly yDim: number;
  /** I(X; Y) in nats. */
  readonly trueMi: number;
  /** One pair `[x, y]` from p(x, y). */
  draw(rng: Rng): [number[], number[]];
  /** `log p(x, y) − log p(x) − log p(y)`. */
  pmi(x: readonly number[], y: readonly number[]): number;
}
