import type { Rng } from '@infobed/core';
import type { PairDistribution } from './PairDistribution.js';

/**
 * `X ~ U(0, 1)`, `Y = X + N`, `N ~ U(−ε, ε)` (`bmi`'s `AdditiveUniformSampler`). True MI:
 * `1/(4ε)` for ε > ½, else `ε − log 2ε`. `p(y | x) = 1/(2ε)` on `|y − x| ≤ ε`, and
 * `p(y) = (min(1, y + ε) − max(0, y − ε)) / (2ε)`, so `pmi = −log(min(1, y + ε) − max(0, y − ε))`.
 */
export class AdditiveUniform implements PairDistribution {
  readonly xDim = 1;
  readonly yDim = 1;
  readonly trueMi: number;
  readonly label: string;

  constructor(readonly epsilon: number) {
    this.trueMi = epsilon > 0.5 ? 0.25 / epsilon : epsilon - Math.log(2 * epsilon);
    this.label = `additive-noise-${epsilon}`;
  }

  draw(rng: Rng): [number[], number[]] {
    const x = rng.uniform();
    return [[x], [x + rng.uniformIn(-this.epsilon, this.epsilon)]];
  }

  pmi(x: readonly number[], y: readonly number[]): number {
    const [a, b] = [x[0]!, y[0]!];
    if (Math.abs(b - a) > this.epsilon) return -Infinity;
    return -Math.log(Math.min(1, b + this.epsilon) - Math.max(0, b - this.epsilon));
  }
}
