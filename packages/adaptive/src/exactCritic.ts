import * as tf from '@tensorflow/tfjs';
import type { Critic, SequentialSimulator } from '@infobed/core';

/**
 * Test helper (not exported): a critic with nothing to learn. It decodes the history row (raw ξ_t,
 * y_t per step), maps raw → design through the step's design space and returns
 * `temper`·Σ_t log p(y_t | θ, ξ_t) + `shift` (a function of h). `temper` = 1 gives the exact
 * posterior; > 1 an over-confident one (for tests that must fail on a miscalibrated posterior).
 */
export function exactCritic(seq: SequentialSimulator, contrast: 'history' | 'theta', shift = 0, temper = 1): Critic {
  const { designDim: d, obsDim: q } = seq.step;
  const score = (th: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor1D =>
    tf.tidy(() => {
      const terms = Array.from({ length: seq.T }, (_, t) => {
        const raw = tf.slice(h, [0, t * (d + q)], [-1, d]) as tf.Tensor2D;
        const y = tf.slice(h, [0, t * (d + q) + d], [-1, q]) as tf.Tensor2D;
        return seq.step.pairedLogLikelihood(y, th, seq.step.designSpace.toDesign(raw));
      });
      return tf.add(tf.mul(tf.addN(terms), temper), shift) as tf.Tensor1D;
    });
  return {
    id: 'exact-likelihood',
    variables: [],
    dispose: () => undefined,
    scores: () => {
      throw new Error('not used');
    },
    pairScores: (x, y) => (contrast === 'theta' ? score(y, x) : score(x, y)),
  };
}
