import * as tf from '@tensorflow/tfjs';
import { BedError, type Critic, type MiObjective, type MiTask, type Rng } from '@infobed/core';

/**
 * The objective's reported `mi` on `pairs` fresh pairs the critic never trained on (as the FLO
 * paper reports its estimate on 10k fresh samples): `⌈pairs / batch⌉` batches of `batch` pairs
 * from `task`, each scored as a `[batch, batch]` matrix exactly as in training, no gradients;
 * returns the mean over batches (nats). A non-finite value raises `BedError('numerical')` naming
 * the objective. Leaks no tensors.
 */
export function heldOutEstimate(objective: MiObjective, critic: Critic, task: MiTask, pairs: number, batch: number, rng: Rng): number {
  const n = Math.ceil(pairs / batch);
  let sum = 0;
  for (let k = 0; k < n; k++) {
    sum += tf.tidy(() => {
      const { x, y } = task.sample(batch, rng);
      return objective.evaluate(critic.scores(x, y)).mi.dataSync()[0]!;
    });
  }
  if (!Number.isFinite(sum)) throw new BedError('numerical', `${objective.id}: held-out mi is ${sum / n} on ${task.label}`);
  return sum / n;
}
