import * as tf from '@tensorflow/tfjs';
import { BedError } from '../errors/BedError.js';
import type { ObjectiveOutput } from './MiObjective.js';

/**
 * For objectives whose loss can overflow float32 (exp-type terms: FLO, DRF): reads the loss (one
 * sync) and, when it is NaN or ±∞, disposes the output and throws `BedError('numerical')` (exit
 * code 3) naming the objective, so a diverging run stops loudly instead of training on garbage.
 * @param hint what to do about it, appended to the message.
 */
export function assertFiniteLoss(who: string, out: ObjectiveOutput, hint: string): void {
  const v = out.loss.dataSync()[0]!;
  if (Number.isFinite(v)) return;
  tf.dispose([out.loss, out.mi, ...(out.bound ? [out.bound] : [])]);
  throw new BedError('numerical', `${who}: loss is ${v} (${hint})`);
}
