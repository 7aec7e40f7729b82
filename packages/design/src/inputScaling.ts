import * as tf from '@tensorflow/tfjs';
import type { Critic, Rng, ScoreBatch, Simulator } from '@infobed/core';

/**
 * Per-coordinate affine input standardisation of a critic (`critic.standardise: true`):
 * x ↦ (x − xMean)/xSd, y ↦ (y − yMean)/ySd. Saved with the critic (`model/critic.ibck`).
 */
export interface InputScaling {
  /** `[p]` prior mean and sd of θ. */
  readonly xMean: number[];
  readonly xSd: number[];
  /** `[q]` prior-predictive mean and sd of y at the reference design. */
  readonly yMean: number[];
  readonly ySd: number[];
}

/** Pilot draws used to measure the scaling. */
export const SCALING_DRAWS = 4096;

/**
 * Measures `InputScaling` from `n` prior draws θ and their outcomes y at `design` (seeded; no
 * gradient). A coordinate with sd below 1e-12 (constant) keeps sd 1.
 */
export function measureInputScaling(sim: Simulator, design: readonly number[], rng: Rng, n = SCALING_DRAWS): InputScaling {
  return tf.tidy(() => {
    const theta = sim.samplePrior(n, rng.fork('theta'));
    const y = sim.simulate(theta, tf.tensor1d(design as number[]), sim.sampleNoise(n, rng.fork('noise')));
    const stats = (t: tf.Tensor2D): [number[], number[]] => {
      const m = tf.moments(t, 0);
      const sd = Array.from(tf.sqrt(m.variance).dataSync(), (v) => (v > 1e-12 && Number.isFinite(v) ? v : 1));
      return [Array.from(m.mean.dataSync()), sd];
    };
    const [xMean, xSd] = stats(theta);
    const [yMean, ySd] = stats(y as tf.Tensor2D);
    return { xMean, xSd, yMean, ySd };
  });
}

/**
 * A critic evaluated on standardised inputs: `T(x, y) = inner((x − xMean)/xSd, (y − yMean)/ySd)`.
 * The scaling is constant (not trained); the inner critic's variables are the variables. MI and
 * density ratios are invariant to these invertible maps; the network sees inputs of scale 1.
 */
export class StandardisedCritic implements Critic {
  readonly id: string;
  private readonly shift: [tf.Tensor1D, tf.Tensor1D];
  private readonly scale: [tf.Tensor1D, tf.Tensor1D];

  constructor(
    private readonly inner: Critic,
    readonly scaling: InputScaling,
  ) {
    this.id = inner.id;
    this.shift = [tf.tensor1d(scaling.xMean), tf.tensor1d(scaling.yMean)];
    this.scale = [tf.tensor1d(scaling.xSd), tf.tensor1d(scaling.ySd)];
  }

  private x(x: tf.Tensor2D): tf.Tensor2D {
    return tf.div(tf.sub(x, this.shift[0]), this.scale[0]);
  }

  private y(y: tf.Tensor2D): tf.Tensor2D {
    return tf.div(tf.sub(y, this.shift[1]), this.scale[1]);
  }

  scores(x: tf.Tensor2D, y: tf.Tensor2D): ScoreBatch {
    return this.inner.scores(this.x(x), this.y(y));
  }

  pairScores(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor1D {
    return this.inner.pairScores(this.x(x), this.y(y));
  }

  get variables(): readonly tf.Variable[] {
    return this.inner.variables;
  }

  dispose(): void {
    this.inner.dispose();
    tf.dispose([...this.shift, ...this.scale]);
  }
}
