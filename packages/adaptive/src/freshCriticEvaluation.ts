import * as tf from '@tensorflow/tfjs';
import type { Critic, MiObjective, Policy, ProgressReporter, Rng, SequentialSimulator } from '@infobed/core';
import { freshCriticBound, type FreshCriticResult, type FreshCriticSettings, type PairSamples } from '@infobed/evaluate';
import { historyRows, simulateRollouts } from './rollout.js';

/**
 * n rollouts of a frozen `policy` as (θ₀, history) pairs: x = θ₀ `[n, p]`, y = the history row
 * (ξ_1, y_1, …, ξ_T, y_T) `[n, T·(d + q)]` with raw designs, as the training critic sees it.
 * Simulated in blocks of `block` rollouts (bounded memory); θ₀ from `rng`, noise from its fork.
 */
export function rolloutPairs(policy: Policy, seq: SequentialSimulator, n: number, rng: Rng, block = 1024): PairSamples {
  const p = seq.thetaNames.length;
  const m = seq.T * (seq.step.designDim + seq.step.obsDim);
  const x = new Float32Array(n * p);
  const y = new Float32Array(n * m);
  const noise = rng.fork('rollout-noise');
  for (let at = 0; at < n; at += block) {
    const b = Math.min(block, n - at);
    tf.tidy(() => {
      const theta = seq.samplePrior(b, rng);
      const h = historyRows(simulateRollouts(policy, seq, theta, noise));
      x.set(theta.dataSync(), at * p);
      y.set(h.dataSync(), at * m);
    });
  }
  return { n, xDim: p, yDim: m, x, y };
}

/** How each policy is scored by `evaluateWithFreshCritic`. */
export interface FreshCriticEvaluationOptions extends FreshCriticSettings {
  /** Rollouts per policy (split into training and held-out parts). */
  readonly rollouts: number;
  /** A NEW, untrained critic over (θ `[p]`, history `[T·(d + q)]`) for each policy; disposed after use. */
  readonly critic: (xDim: number, yDim: number, seed: number) => Critic;
  readonly objective: MiObjective;
  readonly progress?: ProgressReporter;
}

/** One policy's fresh-critic bounds. */
export interface FreshCriticEvaluation extends FreshCriticResult {
  readonly name: string;
}

/**
 * Evaluation that does not trust the training critic (specs/adaptive.md §3.3): each policy (frozen)
 * is rolled out afresh, a new critic is trained on part of its rollouts and the InfoNCE and NWJ
 * bounds are read on the held-out rest (`freshCriticBound`). Every policy gets the same θ₀ stream,
 * noise stream and critic seed, so the comparison between policies is paired where it can be.
 */
export function evaluateWithFreshCritic(entries: readonly { name: string; policy: Policy }[], seq: SequentialSimulator, o: FreshCriticEvaluationOptions, rng: Rng): FreshCriticEvaluation[] {
  return entries.map(({ name, policy }) => {
    o.progress?.log(`fresh-critic evaluation of ${name}: ${o.rollouts} rollouts, ${o.negatives ?? 4096} negatives`);
    const data = rolloutPairs(policy, seq, o.rollouts, rng.fork('fresh-rollouts'));
    const critic = o.critic(data.xDim, data.yDim, rng.fork('fresh-critic-seed').int(2 ** 30));
    try {
      return { name, ...freshCriticBound(critic, o.objective, data, o, rng.fork('fresh-critic')) };
    } finally {
      critic.dispose();
    }
  });
}
