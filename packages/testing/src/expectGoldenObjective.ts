import * as tf from '@tensorflow/tfjs';
import type { MiObjective } from '@infobed/core';
import { expect } from 'vitest';
import { expectClose } from './expectClose.js';
import type { GoldenCase, GoldenResult } from './golden.js';

const diag = (m: number[][]): number[] => m.map((row, i) => row[i]!);

/**
 * Checks one objective on one golden case, in float32 on the current backend: `loss`, `mi`,
 * `dL/dS` and, when the objective takes an aux head, its gradient — `rowBaseline` gets the case's
 * `u` and is compared with `grad_u`; `positivePair` gets `diag(U)` and is compared with
 * `diag(grad_U)` (the golden file passes a full `U` and only its diagonal enters). Also checks that
 * value and gradient leak no tensors.
 *
 * @param make a fresh objective per evaluation (MINE is stateful).
 * @param expected the golden numbers `loss`/`mi` are compared with, when they are not `ref`'s own
 *   (e.g. a reporting convention stored under `ref.extra`).
 */
export function expectGoldenObjective(
  make: () => MiObjective,
  c: GoldenCase,
  ref: GoldenResult,
  { expected = ref, rtol = 1e-4 }: { expected?: { loss: number; mi: number }; rtol?: number } = {},
): void {
  const kind = make().aux;
  const s = tf.tensor2d(c.S);
  const u = kind === 'positivePair' ? tf.tensor1d(diag(c.U)) : kind === 'rowBaseline' ? tf.tensor1d(c.u) : undefined;
  const before = tf.memory().numTensors;
  const batch = (a: tf.Tensor, b?: tf.Tensor) => (b ? { scores: a as tf.Tensor2D, aux: b as tf.Tensor1D } : { scores: a as tf.Tensor2D });

  const out = make().evaluate(batch(s, u));
  expectClose(out.loss.dataSync()[0]!, expected.loss, rtol, 'loss');
  expectClose(out.mi.dataSync()[0]!, expected.mi, rtol, 'mi');
  tf.dispose([out.loss, out.mi, ...(out.bound ? [out.bound] : [])]);

  const o = make();
  const [gs, gu] = u ? tf.grads((a: tf.Tensor, b: tf.Tensor) => o.evaluate(batch(a, b)).loss)([s, u]) : [tf.grad((a: tf.Tensor) => o.evaluate(batch(a)).loss)(s)];
  expectClose(gs!.dataSync(), ref.grad_S.flat(), rtol, 'grad_S');
  if (kind === 'rowBaseline') expectClose(gu!.dataSync(), ref.grad_u!, rtol, 'grad_u');
  if (kind === 'positivePair') expectClose(gu!.dataSync(), diag(ref.grad_U!), rtol, 'grad_u = diag(grad_U)');
  if (kind === undefined) expect(ref.grad_u, 'golden has an aux gradient the objective does not take').toBeUndefined();
  tf.dispose([gs!, ...(gu ? [gu] : [])]);
  expect(tf.memory().numTensors, 'tensors leaked by value + gradient').toBe(before);
  tf.dispose([s, ...(u ? [u] : [])]);
}
