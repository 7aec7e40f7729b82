import { BedError } from '@infobed/core';

/** One parameter's weighted posterior summary. */
export interface ParameterSummary {
  readonly name: string;
  readonly mean: number;
  readonly sd: number;
  /** Equal-tailed credible interval at `level`. */
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
}

/**
 * Equal-tailed credible intervals from importance-weighted draws: for each coordinate the weighted
 * quantiles (1 − level)/2 and (1 + level)/2 of the empirical CDF Σ_{θ_k ≤ t} w_k.
 * @param draws `[M][p]` θ_k; @param logWeights `[M]` normalised log w_k; @param names `[p]`.
 */
export function credibleIntervals(draws: readonly (readonly number[])[], logWeights: Float64Array, names: readonly string[], mean: readonly number[], cov: readonly (readonly number[])[], level = 0.95): ParameterSummary[] {
  if (!(level > 0 && level < 1)) throw new BedError('invalidArgument', `--level: expected a number in (0, 1), got ${level}`);
  const w = Array.from(logWeights, Math.exp);
  return names.map((name, a) => {
    const order = draws.map((_, k) => k).sort((i, j) => draws[i]![a]! - draws[j]![a]!);
    const q = (p: number): number => {
      let acc = 0;
      for (const k of order) {
        acc += w[k]!;
        if (acc >= p) return draws[k]![a]!;
      }
      return draws[order.at(-1)!]![a]!;
    };
    return { name, mean: mean[a]!, sd: Math.sqrt(cov[a]![a]!), lower: q((1 - level) / 2), upper: q((1 + level) / 2), level };
  });
}
