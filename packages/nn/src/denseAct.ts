import * as tf from '@tensorflow/tfjs';

/**
 * `act(x·W + b)` for `act` ∈ {relu, linear} as ONE custom op: forward is a single
 * `_FusedMatMul` kernel (bias and ReLU in the GEMM epilogue), backward is
 * `dz = dy ⊙ step(y)` (ReLU) then `dx = dz·Wᵀ`, `dW = xᵀ·dz`, `db = Σ_rows dz` with transpose
 * flags. `x` `[n, in]`, `w` `[in, out]`, `b` `[out]` → `[n, out]`.
 *
 * Only for the wasm backend with the native GEMM installed (transpose flags are free there and
 * `_FusedMatMul` runs natively); `Dense` uses the unfused ops elsewhere. `x` and `y` are saved (the
 * engine copies them); a `W` that is a `tf.Variable` is read from the closure instead, saving a
 * weight copy per layer per step (variables outlive the forward tidy; MAML's fast weights are not
 * variables and are saved). The gradient ops are differentiable, so double backward works.
 */
export function denseAct(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, relu: boolean): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xi, wi, bi, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    const y = tf.engine().runKernel('_FusedMatMul', { a: xi, b: wi, bias: bi }, {
      transposeA: false,
      transposeB: false,
      activation: relu ? 'relu' : 'linear',
      leakyreluAlpha: 0,
    }) as tf.Tensor2D;
    // The forward runs in its own tidy: only saved tensors and variables outlive it.
    const keepW = !(wi instanceof tf.Variable);
    save([xi, ...(relu ? [y] : []), ...(keepW ? [wi] : [])]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const g = dy as tf.Tensor2D;
        const sx = saved[0] as tf.Tensor2D;
        const sw = (keepW ? saved[saved.length - 1] : wi) as tf.Tensor2D;
        const dz = relu ? tf.mul(g, tf.step(saved[1]!)) : g;
        return [tf.matMul(dz, sw, false, true), tf.matMul(sx, dz, true, false), tf.sum(dz, 0)];
      },
    };
  }) as (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;
  return op(x, w, b);
}
