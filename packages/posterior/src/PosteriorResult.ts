/** Self-normalised importance-sampling posterior from a critic (specs/simulators.md §8). */
export interface PosteriorResult {
  /** `[M][p]` prior draws θ_k. */
  readonly priorSamples: number[][];
  /** `[M]` log w_k = T(θ_k, y*) − logsumexp_j T(θ_j, y*) (float64). */
  readonly logWeights: Float64Array;
  /** Effective sample size 1/Σ w_k² ∈ [1, M]. */
  readonly ess: number;
  /** `[p]` weighted posterior mean Σ w_k θ_k. */
  readonly mean: number[];
  /** `[p][p]` weighted posterior covariance Σ w_k (θ_k − mean)(θ_k − mean)ᵀ. */
  readonly cov: number[][];
  /** `[R][p]` resampled posterior draws (systematic resampling). */
  readonly samples: number[][];
}

export interface CriticPosteriorOptions {
  /** M: prior draws to weight (MINEBED tutorial: 100,000). */
  readonly priorSamples: number;
  /** R: posterior draws to resample (default M; 0 = none). */
  readonly resample?: number;
  /** Rows per `pairScores` call (memory bound); default 8,192. */
  readonly chunk?: number;
}
