import { BedError, type Critic, type Rng, type SequentialSimulator } from '@infobed/core';
import { columnMoments } from '@infobed/evaluate';
import type { PosteriorResult } from '@infobed/posterior';
import { chiSquare95 } from './chiSquare95.js';
import { historyPosterior } from './historyPosterior.js';
import type { History } from './policyNext.js';
import type { CriticContrast } from './trainPolicy.js';

/** One parameter's calibration over many rollouts. */
export interface ParameterCalibration {
  readonly name: string;
  /** Share of rollouts whose true value lies in the central credible interval of each level (same order as `levels`). */
  readonly coverage: number[];
  /** Counts of the PIT values u = P(θ < θ_true | h) in `bins` equal bins of [0, 1] (rank histogram; flat when calibrated). */
  readonly pitHistogram: number[];
  /** Σ (count − n/bins)² / (n/bins): χ² with bins − 1 degrees of freedom when calibrated. */
  readonly chi2: number;
  /** χ² ≤ the 95 % point of χ²(bins − 1) (`chi2Limit`): the rank histogram does not reject calibration at 5 %. */
  readonly calibrated: boolean;
  /** Median over rollouts of (posterior mean − true θ) / posterior sd. */
  readonly medianZ: number;
  /** Root mean square over rollouts of (posterior mean − true θ) / prior sd (1 ≈ no better than the prior mean). */
  readonly rmseOverPriorSd: number;
}

/** `calibration` in `evaluate.json` (simulation-based calibration of a posterior over many rollouts). */
export interface PosteriorCalibration {
  readonly rollouts: number;
  readonly priorSamples: number;
  readonly levels: number[];
  readonly bins: number;
  /** The 95 % point of χ²(bins − 1) that `calibrated` compares each parameter's χ² with. */
  readonly chi2Limit: number;
  readonly parameters: ParameterCalibration[];
  /** Effective sample size of the importance weights: median and minimum over rollouts. */
  readonly ess: { readonly median: number; readonly min: number };
  /** The PIT values `[rollouts][p]` (for plots). */
  readonly pit: number[][];
}

export interface CalibrationOptions {
  readonly priorSamples: number;
  readonly levels: readonly number[];
  readonly bins: number;
}

/** A finished experiment with the θ that generated it. */
export type TrueRollout = History & { readonly theta: readonly number[] };

/**
 * PIT of `truth` under the weighted draws `post` for parameter `a`: Σ_k w_k [θ_k < truth] + ½ Σ_k w_k [θ_k = truth].
 * Uniform on [0, 1] over rollouts drawn from the prior predictive when the posterior is exact.
 */
export function pitOf(post: Pick<PosteriorResult, 'priorSamples' | 'logWeights'>, a: number, truth: number): number {
  let u = 0;
  post.logWeights.forEach((lw, k) => {
    const v = post.priorSamples[k]![a]!;
    if (v < truth) u += Math.exp(lw);
    else if (v === truth) u += 0.5 * Math.exp(lw);
  });
  return Math.min(1, Math.max(0, u));
}

const median = (v: number[]): number => {
  const s = [...v].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Simulation-based calibration of a critic posterior (Talts et al. 2018): for each rollout (θ_true,
 * h) drawn from the joint, the importance-sampling posterior `historyPosterior` (M prior draws from
 * `seq`, an independent stream per rollout), the PIT u = P(θ < θ_true | h) per parameter, and from
 * it the coverage of the central intervals (|u − ½| < level/2) and the rank histogram. A calibrated
 * posterior gives uniform u, coverage ≈ level (binomial s.e. √(level(1 − level)/n)) and χ² ≈ bins − 1.
 * Leaks no tensors.
 */
export function posteriorCalibration(critic: Critic, contrast: CriticContrast, seq: SequentialSimulator, rollouts: readonly TrueRollout[], o: CalibrationOptions, rng: Rng): PosteriorCalibration {
  const n = rollouts.length;
  if (n < 2) throw new BedError('invalidArgument', `posterior calibration: needs ≥ 2 rollouts, got ${n}`);
  const p = seq.thetaNames.length;
  const prior = seq.samplePrior(Math.min(20_000, o.priorSamples), rng.fork('calibration-prior-moments'));
  const priorSd = columnMoments(prior.dataSync() as Float32Array, p, prior.shape[0]).sd;
  prior.dispose();
  const pit: number[][] = [];
  const z: number[][] = [];
  const err: number[][] = [];
  const ess: number[] = [];
  rollouts.forEach((r, i) => {
    const post = historyPosterior(critic, seq, r, { priorSamples: o.priorSamples, resample: 0 }, rng.fork(`calibration-${i}`), contrast);
    ess.push(post.ess);
    pit.push(r.theta.map((t, a) => pitOf(post, a, t)));
    z.push(r.theta.map((t, a) => (post.mean[a]! - t) / Math.sqrt(post.cov[a]![a]!)));
    err.push(r.theta.map((t, a) => (post.mean[a]! - t) / priorSd[a]!));
  });
  const chi2Limit = chiSquare95(o.bins - 1);
  const parameters = seq.thetaNames.map((name, a): ParameterCalibration => {
    const u = pit.map((row) => row[a]!);
    const hist = new Array<number>(o.bins).fill(0);
    for (const v of u) hist[Math.min(o.bins - 1, Math.floor(v * o.bins))]! += 1;
    const e = n / o.bins;
    const chi2 = hist.reduce((s, c) => s + (c - e) ** 2 / e, 0);
    return {
      name,
      coverage: o.levels.map((l) => u.filter((v) => Math.abs(v - 0.5) < l / 2).length / n),
      pitHistogram: hist,
      chi2,
      calibrated: chi2 <= chi2Limit,
      medianZ: median(z.map((row) => row[a]!)),
      rmseOverPriorSd: Math.sqrt(err.reduce((s, row) => s + row[a]! ** 2, 0) / n),
    };
  });
  return { rollouts: n, priorSamples: o.priorSamples, levels: [...o.levels], bins: o.bins, chi2Limit, parameters, ess: { median: median(ess), min: Math.min(...ess) }, pit };
}
