import * as tf from '@tensorflow/tfjs';
import { BedError, type Critic, type Rng, type Simulator } from '@infobed/core';
import type { CriticPosteriorOptions, PosteriorResult } from './PosteriorResult.js';
import { systematicResample } from './systematicResample.js';

/**
 * Posterior p(θ | y*, d) from a critic T(θ, y) ≈ log p(y|θ,d)/p(y|d) + c(y) (specs/simulators.md §8):
 * draw θ_k ~ p(θ), weight w_k ∝ exp T(θ_k, y*) (softmax in log space, float64), report the ESS
 * 1/Σw², the weighted mean and covariance, and systematically resampled draws.
 *
 * Valid when T is the PMI up to a function of y only: type-3 objectives (InfoNCE-anchor, JS, DRF),
 * NWJ (T − 1: the constant cancels), DV. InfoNCE / FLO critics carry a c(θ) when rows index θ;
 * their weights are then distorted.
 * @param critic rows x = θ `[·, p]`, columns y `[·, q]` (`pairScores` is used).
 * @param yObs `[q]` the observed outcome y*.
 * @param design `[dim]` the design y* was observed at (validated).
 */
export function criticPosterior(
  critic: Critic,
  sim: Simulator,
  yObs: readonly number[],
  design: readonly number[],
  opts: CriticPosteriorOptions,
  rng: Rng,
): PosteriorResult {
  const { m, r, chunk } = checkPosteriorOptions(opts);
  if (yObs.length !== sim.obsDim || !yObs.every(Number.isFinite)) {
    throw new BedError('invalidArgument', `posterior: yObs: expected ${sim.obsDim} finite numbers, got [${yObs.join(', ')}]`);
  }
  sim.designSpace.validate(design, 'design');
  const theta = sim.samplePrior(m, rng.fork('posterior-prior'));
  let scores: Float64Array;
  try {
    scores = criticScoresAt(critic, theta, yObs, chunk);
  } catch (e) {
    theta.dispose();
    throw e;
  }
  const thetaRows = theta.arraySync();
  theta.dispose();
  return posteriorFromScores(thetaRows, scores, r, rng, `critic "${critic.id}"`);
}

/** M, R and the chunk size of `opts` with defaults, or `invalidArgument` naming the field. */
export function checkPosteriorOptions(opts: CriticPosteriorOptions): { m: number; r: number; chunk: number } {
  const m = opts.priorSamples;
  if (!Number.isInteger(m) || m < 1) throw new BedError('invalidArgument', `posterior: priorSamples: expected an integer ≥ 1, got ${m}`);
  const r = opts.resample ?? m;
  if (!Number.isInteger(r) || r < 0) throw new BedError('invalidArgument', `posterior: resample: expected an integer ≥ 0, got ${r}`);
  const chunk = opts.chunk ?? 8192;
  if (!Number.isInteger(chunk) || chunk < 1) throw new BedError('invalidArgument', `posterior: chunk: expected an integer ≥ 1, got ${chunk}`);
  return { m, r, chunk };
}

/**
 * `[M]` scores T(θ_k, y*) of prior draws against one outcome row, in chunks of `chunk` rows
 * (`pairScores` with y* tiled). `yFirst`: the critic's rows are outcomes and its columns θ.
 * @param theta `[M, p]` (not disposed); @param yRow `[q]`.
 */
export function criticScoresAt(critic: Critic, theta: tf.Tensor2D, yRow: readonly number[], chunk: number, yFirst = false): Float64Array {
  const [m, p] = theta.shape;
  const scores = new Float64Array(m);
  for (let start = 0; start < m; start += chunk) {
    const n = Math.min(chunk, m - start);
    const s = tf.tidy(() => {
      const th = tf.slice(theta, [start, 0], [n, p]) as tf.Tensor2D;
      const y = tf.tile(tf.tensor2d([yRow as number[]]), [n, 1]) as tf.Tensor2D;
      return yFirst ? critic.pairScores(y, th) : critic.pairScores(th, y);
    });
    scores.set(s.dataSync(), start);
    s.dispose();
  }
  return scores;
}

/**
 * Self-normalised importance weights w_k ∝ exp(score_k) of prior draws (softmax in float64), the
 * ESS 1/Σw², weighted mean and covariance, and R systematically resampled draws.
 * @param thetaRows `[M][p]` prior draws; @param scores `[M]` log weights up to a constant.
 */
export function posteriorFromScores(thetaRows: number[][], scores: Float64Array, r: number, rng: Rng, who: string): PosteriorResult {
  const p = thetaRows[0]?.length ?? 0;
  let max = -Infinity;
  for (const v of scores) if (v > max) max = v;
  if (!Number.isFinite(max)) throw new BedError('numerical', `posterior: ${who} scores are not finite (max ${max})`);
  let sum = 0;
  for (const v of scores) sum += Math.exp(v - max);
  const lse = max + Math.log(sum);
  const logWeights = scores.map((v) => v - lse);
  let sumSq = 0;
  const mean = new Array<number>(p).fill(0);
  logWeights.forEach((lw, k) => {
    const w = Math.exp(lw);
    sumSq += w * w;
    for (let a = 0; a < p; a++) mean[a]! += w * thetaRows[k]![a]!;
  });
  const cov = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  logWeights.forEach((lw, k) => {
    const w = Math.exp(lw);
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) cov[a]![b]! += w * (thetaRows[k]![a]! - mean[a]!) * (thetaRows[k]![b]! - mean[b]!);
  });
  const idx = r > 0 ? systematicResample(logWeights, r, rng.fork('posterior-resample')) : new Int32Array(0);
  return { priorSamples: thetaRows, logWeights, ess: 1 / sumSq, mean, cov, samples: Array.from(idx, (k) => thetaRows[k]!) };
}
