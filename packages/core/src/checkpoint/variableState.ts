import * as tf from '@tensorflow/tfjs';
import { BedError } from '../errors/BedError.js';
import type { SavedTensor } from './CheckpointFile.js';

/** A copy of a tensor's values for a checkpoint (synchronous read-back). */
export function saveTensor(t: tf.Tensor): SavedTensor {
  const dtype = t.dtype === 'int32' ? 'int32' : 'float32';
  const data = t.dataSync();
  return { dtype, shape: [...t.shape], data: dtype === 'int32' ? Int32Array.from(data as Int32Array) : Float32Array.from(data as Float32Array) };
}

/** `{ "<prefix>/<i>": values }` for every variable, in order (names are process-local; order is not). */
export function saveVariables(prefix: string, vars: readonly tf.Variable[]): Record<string, SavedTensor> {
  return Object.fromEntries(vars.map((v, i) => [`${prefix}/${i}`, saveTensor(v)]));
}

/** A new tensor from saved values. */
export function tensorFrom(s: SavedTensor): tf.Tensor {
  return tf.tensor(s.data, [...s.shape], s.dtype);
}

/**
 * Assigns saved values to `vars` (same order as `saveVariables`).
 * @throws BedError('invalidArgument') when a variable is missing or its shape differs (the
 *   checkpoint was written by another configuration).
 */
export function restoreVariables(prefix: string, vars: readonly tf.Variable[], tensors: Readonly<Record<string, SavedTensor>>): void {
  vars.forEach((v, i) => {
    const s = tensors[`${prefix}/${i}`];
    if (s === undefined || s.shape.length !== v.shape.length || s.shape.some((d, k) => d !== v.shape[k])) {
      throw new BedError(
        'invalidArgument',
        `--resume: checkpoint tensor ${prefix}/${i} ${s ? `has shape [${s.shape.join(', ')}]` : 'is missing'}, the run expects [${v.shape.join(', ')}]; the checkpoint belongs to another configuration`,
      );
    }
    tf.tidy(() => v.assign(tensorFrom(s)));
  });
}
