import * as tf from '@tensorflow/tfjs';
import { BedError, type Critic, type Rng, type Simulator } from '@infobed/core';
import { criticPosterior } from './criticPosterior.js';
import type { CriticPosteriorOptions, PosteriorResult } from './PosteriorResult.js';

/**
 * The reference posterior of a simulator with an explicit likelihood: self-normalised importance
 * sampling from the prior with weights w_k ∝ p(y* | θ_k, d) (`criticPosterior` with the true
 * log-likelihood as the score). What `infobed infer`'s critic posterior is checked against (PK).
 * @param yObs `[q]` the observed outcome y*; @param design `[dim]` the design it was observed at.
 */
export function likelihoodPosterior(sim: Simulator, yObs: readonly number[], design: readonly number[], opts: CriticPosteriorOptions, rng: Rng): PosteriorResult {
  const logLikelihood = sim.logLikelihood?.bind(sim);
  if (!logLikelihood) throw new BedError('invalidArgument', `posterior: simulator "${sim.id}" has no likelihood to weight by`);
  const d = tf.tensor1d(design as number[]);
  const likelihood: Critic = {
    id: 'true-likelihood',
    variables: [],
    dispose: () => undefined,
    scores: () => {
      throw new BedError('internal', 'likelihoodPosterior: only pair scores are defined');
    },
    // Every row of y is y*: one likelihood row against all θ.
    pairScores: (th, y) => tf.tidy(() => tf.reshape(logLikelihood(tf.slice(y, [0, 0], [1, -1]) as tf.Tensor2D, th, d), [-1]) as tf.Tensor1D),
  };
  try {
    return criticPosterior(likelihood, sim, yObs, design, opts, rng);
  } finally {
    d.dispose();
  }
}
