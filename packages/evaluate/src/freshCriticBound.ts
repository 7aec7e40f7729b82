import * as tf from '@tensorflow/tfjs';
import { BedError, type Critic, type MiObjective, type Rng } from '@infobed/core';
import { FusedAdam } from '@infobed/nn';
import { meanStderr } from './nestedTerms.js';
import { columnMoments } from './columnMoments.js';
import type { PairSamples } from './PairSamples.js';

/** Budget of the fresh-critic evaluation. */
export interface FreshCriticSettings {
  /** Share of the pairs the new critic trains on (the rest is held out). Default 0.5. */
  readonly trainFraction?: number;
  /** Adam steps of the new critic. */
  readonly steps: number;
  /** Training minibatch B (scored as `[B, B]`, exactly as in design training). */
  readonly batch: number;
  readonly lr: number;
  /** K negatives per held-out pair (≥ 4,096 for reported numbers; smaller only in tests of errors). Default 4,096. */
  readonly negatives?: number;
  /** Held-out pairs per evaluation batch (the unit of the standard error). Default 256. */
  readonly evalBatch?: number;
  /** Negatives scored per `[evalBatch, chunk]` block: bounds memory. Default 1,024. */
  readonly chunk?: number;
}

/** A bound on held-out pairs: mean and standard error over evaluation batches (nats). */
export interface HeldOutBound {
  readonly mean: number;
  readonly stderr: number;
}

export interface FreshCriticResult {
  /** InfoNCE with K negatives: mean_i [S_ii − log((e^{S_ii} + Σ_k e^{S_ik}) / (K + 1))] ≤ log(K + 1). */
  readonly infonce: HeldOutBound;
  /** NWJ: mean_i S_ii − e^{−1} mean_{i,k} e^{S_ik} (tight only for a critic trained with NWJ). */
  readonly nwj: HeldOutBound;
  readonly negatives: number;
  readonly evalBatches: number;
  readonly trainPairs: number;
  readonly heldOutPairs: number;
  /** Training bound (the objective's, on the last minibatch). */
  readonly trainBound: number;
  readonly seconds: number;
  /**
   * The per-coordinate standardisation the critic was trained and scored under (training-part
   * moments): `critic` reads (x − xMean)/xSd and (y − yMean)/ySd, so `new StandardisedCritic(critic,
   * scaling)` (design) is the trained critic on raw inputs.
   */
  readonly scaling: { readonly xMean: number[]; readonly xSd: number[]; readonly yMean: number[]; readonly ySd: number[] };
}

/**
 * Evaluation that does not trust the training critic (specs/adaptive.md §3.3; iDAD's evaluation):
 * trains `critic` (fresh, untrained) with `objective` on the first part of `data`, then scores the
 * held-out pairs. Each held-out pair (x_i, y_i) is contrasted with K negatives y_k: the y of the
 * K held-out pairs that follow its evaluation batch (cyclically), so y_k comes from other draws of
 * the joint and is independent of x_i. Scores are `critic.scores(x_batch, y_chunk)` (rows = x, the
 * direction the project's objectives normalise in), in `[evalBatch, chunk]` blocks combined by a
 * float64 running log-sum-exp. Both bounds are valid lower bounds on I(x; y) for any critic.
 * x and y are standardised per coordinate with the training part's mean and sd first (an invertible
 * map: the MI is unchanged). Disposes nothing it did not create (the caller owns `critic`); leaks no tensors.
 * @throws BedError('invalidArgument') when there are too few held-out pairs for K negatives and
 *   two evaluation batches; BedError('numerical') on a non-finite value.
 */
export function freshCriticBound(critic: Critic, objective: MiObjective, data: PairSamples, s: FreshCriticSettings, rng: Rng): FreshCriticResult {
  const t0 = performance.now();
  const K = s.negatives ?? 4096;
  const B = s.evalBatch ?? 256;
  const chunk = s.chunk ?? 1024;
  const nTrain = Math.floor(data.n * (s.trainFraction ?? 0.5));
  const nHeld = data.n - nTrain;
  const batches = Math.floor(nHeld / B);
  if (nTrain < s.batch || nHeld < K + B || batches < 2) {
    throw new BedError('invalidArgument', `fresh-critic evaluation: ${data.n} pairs give ${nTrain} training and ${nHeld} held-out pairs; it needs ≥ ${s.batch} (batch) to train and ≥ ${Math.max(K + B, 2 * B)} (negatives ${K} + evalBatch ${B}, and two batches) held out`);
  }
  // MI is invariant to invertible per-coordinate affine maps: standardise with training statistics.
  const mx = columnMoments(data.x, data.xDim, nTrain);
  const my = columnMoments(data.y, data.yDim, nTrain);
  data = { ...data, x: standardise(data.x, data.xDim, mx), y: standardise(data.y, data.yDim, my) };
  const trainBound = trainCritic(critic, objective, data, nTrain, s, rng.fork('fresh-critic-train'));
  const infonce = new Float64Array(batches);
  const nwj = new Float64Array(batches);
  const rows = (from: number, count: number, dim: number, src: Float32Array): tf.Tensor2D => {
    const out = new Float32Array(count * dim);
    for (let r = 0; r < count; r++) {
      const at = nTrain + ((from + r) % nHeld);
      out.set(src.subarray(at * dim, at * dim + dim), r * dim);
    }
    return tf.tensor2d(out, [count, dim]);
  };
  for (let b = 0; b < batches; b++) {
    const x = rows(b * B, B, data.xDim, data.x);
    const pos = tf.tidy(() => critic.pairScores(x, rows(b * B, B, data.yDim, data.y)).dataSync() as Float32Array);
    const lse = new Float64Array(B).fill(-Infinity);
    for (let k = 0; k < K; k += chunk) {
      const c = Math.min(chunk, K - k);
      const part = tf.tidy(() => tf.logSumExp(critic.scores(x, rows(b * B + B + k, c, data.yDim, data.y)).scores, 1).dataSync() as Float32Array);
      for (let i = 0; i < B; i++) lse[i] = logAddExp(lse[i]!, part[i]!);
    }
    x.dispose();
    let sumNce = 0;
    let sumNwj = 0;
    for (let i = 0; i < B; i++) {
      const p = pos[i]!;
      sumNce += p - (logAddExp(p, lse[i]!) - Math.log(K + 1));
      sumNwj += p - Math.exp(lse[i]! - Math.log(K) - 1);
    }
    infonce[b] = sumNce / B;
    nwj[b] = sumNwj / B;
    if (!Number.isFinite(infonce[b]!)) throw new BedError('numerical', `fresh-critic evaluation: non-finite held-out InfoNCE in batch ${b} (critic "${critic.id}", objective "${objective.id}")`);
  }
  return {
    infonce: meanStderr(infonce),
    nwj: meanStderr(nwj),
    negatives: K,
    evalBatches: batches,
    trainPairs: nTrain,
    heldOutPairs: nHeld,
    trainBound,
    seconds: (performance.now() - t0) / 1000,
    scaling: { xMean: mx.mean, xSd: mx.sd, yMean: my.mean, ySd: my.sd },
  };
}

/** Copy of `[n × dim]` rows with every column shifted and scaled by `mean` and `sd` (`[dim]` each). */
function standardise(a: Float32Array, dim: number, { mean, sd }: { mean: number[]; sd: number[] }): Float32Array {
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i]! - mean[i % dim]!) / sd[i % dim]!;
  return out;
}

/** log(e^a + e^b) in float64, −∞-safe. */
const logAddExp = (a: number, b: number): number => {
  const m = Math.max(a, b);
  return m === -Infinity ? -Infinity : m + Math.log(Math.exp(a - m) + Math.exp(b - m));
};

/** Adam on `objective`'s loss over minibatches of the first `nTrain` pairs; returns the last batch's bound. */
function trainCritic(critic: Critic, objective: MiObjective, data: PairSamples, nTrain: number, s: FreshCriticSettings, rng: Rng): number {
  const opt = new FusedAdam(s.lr);
  const xb = new Float32Array(s.batch * data.xDim);
  const yb = new Float32Array(s.batch * data.yDim);
  let last = NaN;
  try {
    for (let step = 1; step <= s.steps; step++) {
      for (let i = 0; i < s.batch; i++) {
        const r = rng.int(nTrain);
        xb.set(data.x.subarray(r * data.xDim, (r + 1) * data.xDim), i * data.xDim);
        yb.set(data.y.subarray(r * data.yDim, (r + 1) * data.yDim), i * data.yDim);
      }
      const bound = tf.tidy(() => {
        const x = tf.tensor2d(xb, [s.batch, data.xDim]);
        const y = tf.tensor2d(yb, [s.batch, data.yDim]);
        let b: tf.Scalar | undefined;
        const { grads } = tf.variableGrads(() => {
          const out = objective.evaluate(critic.scores(x, y));
          if (step === s.steps) b = tf.keep(out.bound ?? out.mi);
          return out.loss;
        }, critic.variables as tf.Variable[]);
        opt.applyGradients(grads);
        return b;
      });
      if (bound) {
        last = bound.dataSync()[0]!;
        bound.dispose();
      }
    }
  } finally {
    opt.dispose();
  }
  if (!Number.isFinite(last)) throw new BedError('numerical', `fresh-critic evaluation: training "${critic.id}" with "${objective.id}" ended with a non-finite bound (${last}); lower the critic lr`);
  return last;
}
