import * as tf from '@tensorflow/tfjs';

/**
 * A ReLU MLP as a pure function of per-task parameters, so MAML can differentiate through an
 * inner SGD step. `params` = `[W₀, b₀, W₁, b₁, …]` with `W_l` `[T, in, out]`, `b_l` `[T, 1, out]`
 * (task t's own copy); `x` `[T, n, in]` → `[T, n, out]`. Hidden layers ReLU, output linear.
 * Uses batched matmuls (the built-in gradient, which supports double backward).
 */
export function functionalMlp(params: readonly tf.Tensor[], x: tf.Tensor3D): tf.Tensor3D {
  const layers = params.length / 2;
  let h: tf.Tensor3D = x;
  for (let l = 0; l < layers; l++) {
    const z = tf.add(tf.matMul(h, params[2 * l] as tf.Tensor3D), params[2 * l + 1]!) as tf.Tensor3D;
    h = l < layers - 1 ? tf.relu(z) : z;
  }
  return h;
}

/** Shared parameters `[in, out]` / `[out]` → per-task copies `[T, in, out]` / `[T, 1, out]` (gradient: sum over tasks). */
export function tileParams(shared: readonly tf.Tensor[], tasks: number): tf.Tensor[] {
  return shared.map((p) =>
    p.rank === 2
      ? tf.tile(tf.expandDims(p, 0), [tasks, 1, 1])
      : tf.tile(tf.reshape(p, [1, 1, p.shape[0]!]), [tasks, 1, 1]),
  );
}

/** Per-task mean squared error `[T]` of the functional MLP on x, y `[T, n, 1]`. */
export function taskMse(params: readonly tf.Tensor[], x: tf.Tensor3D, y: tf.Tensor3D): tf.Tensor1D {
  return tf.mean(tf.squaredDifference(functionalMlp(params, x), y), [1, 2]) as tf.Tensor1D;
}
