import * as tf from '@tensorflow/tfjs';
import { matMul } from '@infobed/nn';

/** `[n, e]` → rows scaled to unit L2 norm (`v / sqrt(‖v‖² + 1e-12)`). */
export function unitRows(v: tf.Tensor2D): tf.Tensor2D {
  return tf.div(v, tf.sqrt(tf.add(tf.sum(tf.square(v), 1, true), 1e-12)));
}

/**
 * `S = e^{logβ} · a bᵀ`, a `[B, e]`, b `[B, e]` (already normalised), logβ a scalar → `[B, B]`.
 * With `logβ = −log τ` this is the golden `bilinear_critic` score `n(fx) n(fy)ᵀ / τ`.
 */
export function bilinearScores(a: tf.Tensor2D, b: tf.Tensor2D, logBeta: tf.Scalar): tf.Tensor2D {
  return tf.mul(matMul(a, tf.transpose(b)), tf.exp(logBeta));
}

const cap = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, c] = args as [tf.Scalar, tf.Scalar];
  const save = args[2] as tf.GradSaveFunc;
  save([x, c]);
  return {
    value: tf.minimum(x, c),
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const [sx, sc] = saved as [tf.Scalar, tf.Scalar];
      const g = dy as tf.Tensor;
      // Below the cap: the plain gradient. At or above it: only a gradient that points back
      // inside (dL/dx > 0, so descent lowers x), so log β is never stuck at the cap.
      return [tf.where(tf.less(sx, sc), g, tf.relu(g)), tf.zerosLike(sc)];
    },
  };
});

/** `min(logβ, logβ_max)` with a projected gradient (see the comment inside). */
export function capLogScale(logBeta: tf.Scalar, logMax: number): tf.Scalar {
  return tf.tidy(() => cap(logBeta, tf.scalar(logMax)) as tf.Scalar);
}
