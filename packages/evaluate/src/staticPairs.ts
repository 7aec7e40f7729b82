import * as tf from '@tensorflow/tfjs';
import type { Rng, Simulator } from '@infobed/core';
import type { PairSamples } from './PairSamples.js';

/**
 * n draws (θ, y) of a static design: θ ~ prior `[n, p]`, y = simulate(θ, design) `[n, obsDim]`,
 * simulated in blocks of `block` rows (bounded memory), as float32 rows for `freshCriticBound`.
 */
export function staticPairs(sim: Simulator, design: readonly number[], n: number, rng: Rng, block = 4096): PairSamples {
  const p = sim.thetaNames.length;
  const q = sim.obsDim;
  const x = new Float32Array(n * p);
  const y = new Float32Array(n * q);
  const d = tf.tensor1d(design as number[]);
  try {
    for (let at = 0; at < n; at += block) {
      const m = Math.min(block, n - at);
      tf.tidy(() => {
        const theta = sim.samplePrior(m, rng);
        const obs = sim.simulate(theta, d, sim.sampleNoise(m, rng));
        x.set(theta.dataSync(), at * p);
        y.set(obs.dataSync(), at * q);
      });
    }
  } finally {
    d.dispose();
  }
  return { n, xDim: p, yDim: q, x, y };
}
