import * as tf from '@tensorflow/tfjs';
import type { Policy, Rng, SequentialSimulator } from '@infobed/core';

/** The tensors of n simulated rollouts: T entries each. */
export interface RolloutTensors {
  /** θ₀ `[n, p]` (prior draws, the truth of each rollout). */
  readonly theta: tf.Tensor2D;
  /** Raw designs `[n, d]` per step (what the policy emitted). */
  readonly raws: tf.Tensor2D[];
  /** Designs `[n, d]` per step, as the simulator receives them (raw through the step design space, or its `designChain`). */
  readonly designs: tf.Tensor2D[];
  /** Observations `[n, q]` per step. */
  readonly ys: tf.Tensor2D[];
}

/**
 * Runs T measurements of n rollouts: ξ_t = π(h_{t−1}), y_t ~ p(y | θ₀, ξ_t) (reparameterised, so
 * inside `tf.variableGrads` gradients reach the policy through ξ_t and y_t). Call inside a tidy
 * scope: every returned tensor belongs to it.
 * @param theta `[n, p]` θ₀.
 * @param noiseRng stream of the per-step noise.
 */
export function simulateRollouts(policy: Policy, sim: SequentialSimulator, theta: tf.Tensor2D, noiseRng: Rng, T = sim.T): RolloutTensors {
  const n = theta.shape[0];
  const space = sim.step.designSpace;
  let state = policy.initial(n);
  const raws: tf.Tensor2D[] = [];
  const designs: tf.Tensor2D[] = [];
  const ys: tf.Tensor2D[] = [];
  for (let t = 0; t < T; t++) {
    const raw = policy.propose(state, t);
    const chain = sim.step.designChain;
    const design = chain ? chain.toDesign(raw, designs[t - 1]) : space.toDesign(raw);
    const y = sim.step.simulate(theta, design, sim.step.sampleNoise(n, noiseRng));
    state = policy.observe(state, raw, y, t);
    raws.push(raw);
    designs.push(design);
    ys.push(y);
  }
  return { theta, raws, designs, ys };
}

/**
 * `[n]` sPCE terms of a batch of rollouts with L contrastive θ shared across the batch
 * (Foster et al. 2021): log p(h|θ₀) − log (1/(L+1)) (p(h|θ₀) + Σ_ℓ p(h|θ_ℓ)),
 * p(h|θ) = Π_t p(y_t | θ, ξ_t). Each row is a valid sPCE lower bound term; it is ≤ log(L+1).
 * @param contrast `[L, p]` contrastive prior draws.
 */
export function spceTerms(sim: SequentialSimulator, r: RolloutTensors, contrast: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const L = contrast.shape[0];
    let pos: tf.Tensor1D = tf.zeros([r.theta.shape[0]]);
    let neg: tf.Tensor2D = tf.zeros([r.theta.shape[0], L]);
    r.ys.forEach((y, t) => {
      pos = tf.add(pos, sim.step.pairedLogLikelihood(y, r.theta, r.designs[t]!));
      neg = tf.add(neg, sim.step.logLikelihood(y, contrast, r.designs[t]!));
    });
    const all = tf.concat([tf.expandDims(pos, 1), neg], 1);
    return tf.add(tf.sub(pos, tf.logSumExp(all, 1)), Math.log(L + 1)) as tf.Tensor1D;
  });
}

/** `[n, T·(d + q)]` the history (ξ_1, y_1, …, ξ_T, y_T) of each rollout as one row, raw designs (the critic's input). */
export function historyRows(r: RolloutTensors): tf.Tensor2D {
  return tf.concat(r.raws.flatMap((raw, t) => [raw, r.ys[t]!]), 1);
}
