import * as tf from '@tensorflow/tfjs';

const stop = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const x = args[0] as tf.Tensor;
  return { value: tf.clone(x), gradFunc: (dy: tf.Tensor | tf.Tensor[]) => tf.zerosLike(dy as tf.Tensor) };
});

/** Identity forward, zero gradient (`sg(·)`): TF.js has no stopGradient op. */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return stop(x) as T;
}
