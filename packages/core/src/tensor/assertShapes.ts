import type * as tf from '@tensorflow/tfjs';
import { BedError } from '../errors/BedError.js';

/** Checks `scores` is `[B, B]` with B ≥ 2 and returns B; throws `shapeMismatch` naming `who`. */
export function assertSquare(who: string, scores: tf.Tensor): number {
  const [b, c] = scores.shape;
  if (scores.rank !== 2 || b === undefined || b !== c) {
    throw new BedError('shapeMismatch', `${who}: scores must be [B, B], got [${scores.shape.join(', ')}]`);
  }
  if (b < 2) throw new BedError('shapeMismatch', `${who}: need a batch of at least 2 pairs, got B = ${b}`);
  return b;
}

/** Checks the aux head is `[B]`; throws `shapeMismatch` naming `who` (and saying it is missing). */
export function assertAux(who: string, aux: tf.Tensor | undefined, b: number): tf.Tensor1D {
  if (aux === undefined) {
    throw new BedError('shapeMismatch', `${who}: needs an auxiliary head [${b}] from the critic, got none`);
  }
  if (aux.rank !== 1 || aux.shape[0] !== b) {
    throw new BedError('shapeMismatch', `${who}: aux must be [${b}], got [${aux.shape.join(', ')}]`);
  }
  return aux as tf.Tensor1D;
}

/** Checks a 2-D tensor's shape; `-1` matches any size. */
export function assertShape(who: string, what: string, t: tf.Tensor, shape: readonly number[]): void {
  const ok = t.rank === shape.length && shape.every((s, i) => s === -1 || t.shape[i] === s);
  if (!ok) {
    const want = shape.map((s) => (s === -1 ? 'n' : String(s))).join(', ');
    throw new BedError('shapeMismatch', `${who}: ${what} must be [${want}], got [${t.shape.join(', ')}]`);
  }
}
