import * as tf from '@tensorflow/tfjs';
import type { Rng } from '@infobed/core';

/**
 * B fresh pairs: `x ~ N(0, I_d)` `[B, d]`, `y = ρx + √(1−ρ²)ε` `[B, d]`, then `y ↦ y³` when
 * `cubic`. Seeds come from `rng`, so a run is reproducible on one backend.
 */
export function sampleCorrelatedGaussian(b: number, d: number, rho: number, cubic: boolean, rng: Rng): { x: tf.Tensor2D; y: tf.Tensor2D } {
  return tf.tidy(() => {
    const x = tf.randomNormal([b, d], 0, 1, 'float32', rng.nextSeed()) as tf.Tensor2D;
    const eps = tf.randomNormal([b, d], 0, 1, 'float32', rng.nextSeed());
    const y = tf.add(tf.mul(x, rho), tf.mul(eps, Math.sqrt(1 - rho * rho))) as tf.Tensor2D;
    return { x, y: cubic ? (tf.mul(tf.square(y), y) as tf.Tensor2D) : y };
  });
}
