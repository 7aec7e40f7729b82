import * as tf from '@tensorflow/tfjs';
import { diagNegInfMask, diagPart, offDiagOnes } from '@infobed/core';

/** `log mean_{i≠j} e^{S_ij}` of a `[B, B]` matrix: one masked, max-shifted LSE (never `e^S · 0`). */
export function offDiagLogMeanExp(s: tf.Tensor2D): tf.Scalar {
  const b = s.shape[0];
  return tf.sub(tf.logSumExp(tf.add(s, diagNegInfMask(b))), Math.log(b * (b - 1))) as tf.Scalar;
}

/** `mean_{i≠j} M_ij` of a **finite** `[B, B]` matrix. */
export function offDiagMean(m: tf.Tensor2D): tf.Scalar {
  const b = m.shape[0];
  return tf.div(tf.sum(tf.mul(m, offDiagOnes(b))), b * (b - 1)) as tf.Scalar;
}

/** NWJ bound `mean_i S_ii − mean_{i≠j} e^{S_ij − 1}` (Poole's convention, baseline e). */
export function nwjBound(s: tf.Tensor2D): tf.Scalar {
  return tf.sub(tf.mean(diagPart(s)), tf.exp(offDiagLogMeanExp(tf.sub(s, 1) as tf.Tensor2D))) as tf.Scalar;
}

/** DV bound `mean_i S_ii − log mean_{i≠j} e^{S_ij}`. */
export function dvBound(s: tf.Tensor2D): tf.Scalar {
  return tf.sub(tf.mean(diagPart(s)), offDiagLogMeanExp(s)) as tf.Scalar;
}

/** f-GAN JS bound `−mean_i sp(−S_ii) − mean_{i≠j} sp(S_ij)` (Poole / SMILE training objective). */
export function jsFgan(s: tf.Tensor2D): tf.Scalar {
  return tf.sub(tf.neg(tf.mean(tf.softplus(tf.neg(diagPart(s))))), offDiagMean(tf.softplus(s))) as tf.Scalar;
}

/** `value` forward, gradient of `surrogate`: `surrogate + sg(value − surrogate)`. */
export function valueWithGradOf(value: tf.Scalar, surrogate: tf.Scalar, sg: <T extends tf.Tensor>(t: T) => T): tf.Scalar {
  return tf.add(surrogate, sg(tf.sub(value, surrogate))) as tf.Scalar;
}

