import * as tf from '@tensorflow/tfjs';
import { BedError, type Critic, type Rng, type SequentialSimulator } from '@infobed/core';
import { checkPosteriorOptions, criticScoresAt, posteriorFromScores, type CriticPosteriorOptions, type PosteriorResult } from '@infobed/posterior';
import { historyRowOf, type History } from './policyNext.js';
import type { CriticContrast } from './trainPolicy.js';

/** `[M, p]` prior draws of the posterior (stream `posterior-prior` of `rng`, shared by both posteriors below). */
const priorDraws = (seq: SequentialSimulator, m: number, rng: Rng): tf.Tensor2D => seq.samplePrior(m, rng.fork('posterior-prior'));

function checkComplete(seq: SequentialSimulator, h: History): void {
  if (h.designs.length !== seq.T || h.observations.length !== seq.T) {
    throw new BedError('invalidArgument', `posterior: history: expected T = ${seq.T} designs and observations, got ${h.designs.length} and ${h.observations.length}`);
  }
}

/**
 * Posterior of θ after one finished experiment h_T (a rollout, or a history a user gives in
 * simulator units), from a policy run's history critic: prior draws θ_k weighted by
 * exp U(θ_k, h_T) (self-normalised importance sampling, `posteriorFromScores`).
 * A density ratio up to a function of h only is needed: a critic trained with `contrast: theta`
 * (InfoNCE, FLO, …: rows histories, normalised over θ), or any contrast with NWJ or a type-3
 * (plug-in density-ratio) objective. An InfoNCE critic with `contrast: history` carries a free
 * c(θ) and distorts the weights.
 * @param critic as trained (`scaledCritic` when the run standardised its inputs).
 * @param history T designs (simulator units) and T observations; only the count is checked here,
 *   `parseHistory(text, seq, { complete: true })` validates designs against the design space.
 */
export function historyPosterior(critic: Critic, seq: SequentialSimulator, history: History, opts: CriticPosteriorOptions, rng: Rng, contrast: CriticContrast = 'history'): PosteriorResult {
  const { m, r, chunk } = checkPosteriorOptions(opts);
  checkComplete(seq, history);
  const row = historyRowOf(seq, history);
  const theta = priorDraws(seq, m, rng);
  try {
    const scores = criticScoresAt(critic, theta, row, chunk, contrast === 'theta');
    return posteriorFromScores(theta.arraySync(), scores, r, rng, `critic "${critic.id}"`);
  } finally {
    theta.dispose();
  }
}

/**
 * The reference for models with a likelihood: the same prior draws (same `rng`) weighted by the
 * exact log p(h_T | θ_k) = Σ_t log p(y_t | θ_k, ξ_t) (the policy's terms cancel, specs/adaptive.md §1).
 * Implicit models (SIR) have none: `invalidArgument`.
 */
export function historyLikelihoodPosterior(seq: SequentialSimulator, history: History, opts: CriticPosteriorOptions, rng: Rng): PosteriorResult {
  const { m, r, chunk } = checkPosteriorOptions(opts);
  checkComplete(seq, history);
  if (seq.step.implicit) throw new BedError('invalidArgument', `posterior: simulator "${seq.id}" has no likelihood; only the critic posterior exists`);
  const theta = priorDraws(seq, m, rng);
  try {
    const scores = new Float64Array(m);
    for (let start = 0; start < m; start += chunk) {
      const n = Math.min(chunk, m - start);
      const ll = tf.tidy(() => {
        const th = tf.slice(theta, [start, 0], [n, theta.shape[1]]) as tf.Tensor2D;
        return tf.addN(history.designs.map((d, t) => seq.step.logLikelihood(tf.tensor2d([history.observations[t]!]), th, tf.tensor2d([d])))) as tf.Tensor2D; // [1, n]
      });
      scores.set(ll.dataSync(), start);
      ll.dispose();
    }
    return posteriorFromScores(theta.arraySync(), scores, r, rng, `likelihood of "${seq.id}"`);
  } finally {
    theta.dispose();
  }
}
