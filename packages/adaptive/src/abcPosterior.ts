import * as tf from '@tensorflow/tfjs';
import { BedError, type Rng, type SequentialSimulator } from '@infobed/core';
import { columnMoments } from '@infobed/evaluate';
import type { History } from './policyNext.js';

/** A rejection-ABC posterior sample. */
export interface AbcPosterior {
  /** `[keep][p]` the θ of the `keep` simulated histories nearest to the observed one. */
  readonly samples: number[][];
  /** Prior draws simulated. */
  readonly draws: number;
  /** Largest accepted distance (in per-coordinate prior-predictive sd units). */
  readonly threshold: number;
}

/**
 * Likelihood-free reference posterior of θ after a finished experiment (nearest-neighbour rejection
 * ABC): `draws` prior draws θ_k, each simulated at the history's own designs (the designs are
 * fixed now: the policy's choices are a function of the observed data, so they cancel in the
 * posterior, specs/adaptive.md §1), distances to the observed y in units of each coordinate's
 * prior-predictive sd, and the θ of the `keep` nearest. Converges to the posterior as draws → ∞
 * and keep/draws → 0; for noiseless observations (SIR) it needs many draws per accepted one.
 * @param history designs in simulator units `[T][d]` and observations `[T][q]`.
 */
export function abcPosterior(seq: SequentialSimulator, history: History, o: { draws: number; keep: number }, rng: Rng): AbcPosterior {
  if (history.designs.length !== seq.T || history.observations.length !== seq.T) {
    throw new BedError('invalidArgument', `ABC posterior: history: expected T = ${seq.T} designs and observations, got ${history.designs.length} and ${history.observations.length}`);
  }
  if (!(o.keep >= 1 && o.keep <= o.draws)) throw new BedError('invalidArgument', `ABC posterior: keep: expected 1 … draws (${o.draws}), got ${o.keep}`);
  const q = seq.step.obsDim;
  const theta = seq.samplePrior(o.draws, rng.fork('abc-prior'));
  const noise = rng.fork('abc-noise');
  const cols = seq.T * q;
  const sim = new Float32Array(o.draws * cols);
  for (let t = 0; t < seq.T; t++) {
    const y = tf.tidy(() => seq.step.simulate(theta, tf.tile(tf.tensor2d([history.designs[t]!]), [o.draws, 1]) as tf.Tensor2D, seq.step.sampleNoise(o.draws, noise)).dataSync());
    for (let k = 0; k < o.draws; k++) for (let j = 0; j < q; j++) sim[k * cols + t * q + j] = y[k * q + j]!;
  }
  const obs = history.observations.flat();
  const { sd } = columnMoments(sim, cols, o.draws);
  const dist = new Float64Array(o.draws);
  for (let k = 0; k < o.draws; k++) {
    let d = 0;
    for (let j = 0; j < cols; j++) d += ((sim[k * cols + j]! - obs[j]!) / sd[j]!) ** 2;
    dist[k] = Math.sqrt(d);
  }
  const order = Array.from(dist.keys()).sort((a, b) => dist[a]! - dist[b]!).slice(0, o.keep);
  const rows = theta.arraySync();
  theta.dispose();
  return { samples: order.map((k) => rows[k]!), draws: o.draws, threshold: dist[order.at(-1)!]! };
}
