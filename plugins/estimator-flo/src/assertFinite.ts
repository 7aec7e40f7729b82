import * as tf from '@tensorflow/tfjs';
import { BedError, type ObjectiveOutput } from '@infobed/core';

/**
 * Throws `BedError('numerical')` (exit code 3) when the loss is NaN or ±∞, after disposing the
 * output, so a diverging run stops loudly instead of reporting garbage. Reads one scalar (a sync).
 */
export function assertFinite(who: string, out: ObjectiveOutput): void {
  const v = out.loss.dataSync()[0]!;
  if (!Number.isFinite(v)) {
    tf.dispose([out.loss, out.mi, ...(out.bound ? [out.bound] : [])]);
    throw new BedError(
      'numerical',
      `${who}: loss is ${v} (float32 overflow: the score scale grew without bound); use the bounded "bilinear" critic or a smaller learning rate`,
    );
  }
}
