import * as tf from '@tensorflow/tfjs';
import type { Policy, Rng, SequentialSimulator } from '@infobed/core';
import { simulateRollouts } from './rollout.js';

/**
 * Rollouts as plain numbers, the `rollouts.jsonl` format (specs/adaptive.md §5): one object per
 * rollout with θ as drawn from the prior (simulator order), designs as the simulator receives
 * them (T × d) and observations as it emits them (T × q).
 */
export interface Rollout {
  readonly theta: number[];
  readonly designs: number[][];
  readonly observations: number[][];
}

const rows = (t: tf.Tensor2D): number[][] => t.arraySync();

/**
 * n rollouts of `policy` (no gradients), generated in batches of `batch`. Streams: `theta` and
 * `noise` are forked from `rng`, so every policy evaluated with the same seed meets the same θ₀
 * (common random numbers).
 */
export function generateRollouts(policy: Policy, sim: SequentialSimulator, n: number, rng: Rng, batch = 500): Rollout[] {
  const rTheta = rng.fork('rollout-theta');
  const rNoise = rng.fork('rollout-noise');
  const out: Rollout[] = [];
  for (let done = 0; done < n; done += batch) {
    const b = Math.min(batch, n - done);
    tf.tidy(() => {
      const r = simulateRollouts(policy, sim, sim.samplePrior(b, rTheta), rNoise);
      const theta = rows(r.theta);
      const designs = r.designs.map(rows);
      const ys = r.ys.map(rows);
      for (let i = 0; i < b; i++) {
        out.push({ theta: theta[i]!, designs: designs.map((d) => d[i]!), observations: ys.map((y) => y[i]!) });
      }
    });
  }
  return out;
}

/** JSON lines, one rollout per line. */
export function rolloutsJsonl(rollouts: readonly Rollout[]): string {
  return rollouts.map((r) => JSON.stringify({ theta: r.theta, designs: r.designs, observations: r.observations })).join('\n') + '\n';
}
