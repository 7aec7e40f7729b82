import * as tf from '@tensorflow/tfjs';
import type { SineEpisode } from '../SineFamily.js';

/** An episode as tensors: x, y `[T, n, 1]`. The caller disposes both. */
export interface TaskTensors {
  readonly x: tf.Tensor3D;
  readonly y: tf.Tensor3D;
}

/** `[T·n]` arrays of `e` → x, y `[T, n, 1]`. */
export function taskTensors(e: SineEpisode): TaskTensors {
  return { x: tf.tensor3d(e.x, [e.tasks, e.points, 1]), y: tf.tensor3d(e.y, [e.tasks, e.points, 1]) };
}
