import * as tf from '@tensorflow/tfjs';
import {
  BedError,
  infoNceBound,
  silentProgress,
  type Critic,
  type MiObjective,
  type Policy,
  type ProgressReporter,
  type Rng,
  type SequentialSimulator,
} from '@infobed/core';
import { FusedAdam } from '@infobed/nn';
import { historyRows, simulateRollouts, spceTerms } from './rollout.js';

/** One history row of policy training. */
export interface PolicyRecord {
  readonly step: number;
  readonly loss: number;
  /** The training bound on this batch: sPCE with L contrastive samples, or the critic objective's lower bound. */
  readonly bound: number;
  /** Seconds since the start of training. */
  readonly seconds: number;
}

/** How the policy is scored during training: through the likelihood (sPCE), or by a critic over (θ, history). */
export type TrainObjective =
  | { readonly kind: 'spce'; readonly contrastive: number }
  | { readonly kind: 'critic'; readonly objective: MiObjective; readonly critic: Critic; readonly lrCritic: number };

export interface TrainPolicySettings {
  readonly steps: number;
  readonly batch: number;
  readonly lr: number;
  readonly recordEvery: number;
  readonly progress?: ProgressReporter;
  readonly label?: string;
  /** Called after each recorded step (checkpointing, logging). */
  readonly onRecord?: (r: PolicyRecord) => void;
  /** Polled every step; training stops cleanly (returns what it has) when it returns true (SIGINT). */
  readonly shouldStop?: () => boolean;
}

export interface TrainPolicyResult {
  readonly history: PolicyRecord[];
  readonly stepsDone: number;
  readonly seconds: number;
  readonly stopped: boolean;
}

/**
 * Trains a policy by stochastic gradient ascent on the total-EIG bound of T-step rollouts
 * (specs/adaptive.md §1). Each step draws θ₀ `[batch, p]` and per-step noise, rolls the policy out
 * (gradients flow through ξ_t = π(h_{t−1}) and the reparameterised y_t), and either
 * - `spce`: maximises sPCE with L fresh contrastive θ shared by the batch (DAD), or
 * - `critic`: scores (θ₀, history) with the critic and descends the MI objective's loss, one Adam
 *   step on the critic and one on the policy (iDAD with any of the project's objectives).
 * Values are read back on record steps only; a non-finite value throws `BedError('numerical')`.
 */
export function trainPolicy(policy: Policy, sim: SequentialSimulator, obj: TrainObjective, s: TrainPolicySettings, rng: Rng): TrainPolicyResult {
  if (policy.variables.length === 0) throw new BedError('invalidArgument', `train: policy "${policy.id}" has no trainable variables`);
  const optPolicy = new FusedAdam(s.lr);
  const optCritic = obj.kind === 'critic' ? new FusedAdam(obj.lrCritic) : undefined;
  const data = rng.fork('train-data');
  const history: PolicyRecord[] = [];
  const task = (s.progress ?? silentProgress).start(s.label ?? 'train policy', s.steps);
  const policyNames = new Set(policy.variables.map((v) => v.name));
  const t0 = performance.now();
  let step = 0;
  let stopped = false;
  try {
    for (step = 1; step <= s.steps; step++) {
      if (s.shouldStop?.()) {
        stopped = true;
        step -= 1;
        break;
      }
      const record = step % s.recordEvery === 0 || step === s.steps;
      const vals = tf.tidy(() => {
        const theta = sim.samplePrior(s.batch, data);
        const contrast = obj.kind === 'spce' ? sim.samplePrior(obj.contrastive, data) : undefined;
        const vars = [...policy.variables, ...(obj.kind === 'critic' ? obj.critic.variables : [])];
        let bound: tf.Scalar | undefined;
        const { value, grads } = tf.variableGrads(() => {
          const r = simulateRollouts(policy, sim, theta, data);
          if (obj.kind === 'spce') {
            const b = tf.mean(spceTerms(sim, r, contrast!)) as tf.Scalar;
            if (record) bound = tf.keep(b);
            return tf.neg(b) as tf.Scalar;
          }
          const batch = obj.critic.scores(theta, historyRows(r));
          const out = obj.objective.evaluate(batch);
          if (record) bound = tf.keep(out.bound ?? infoNceBound(batch.scores));
          return out.loss;
        }, vars as tf.Variable[]);
        const pg: Record<string, tf.Variable> = {};
        const cg: Record<string, tf.Variable> = {};
        for (const [name, g] of Object.entries(grads)) (policyNames.has(name) ? pg : cg)[name] = g as tf.Variable;
        optPolicy.applyGradients(pg);
        if (optCritic) optCritic.applyGradients(cg);
        return record ? { loss: value, bound: bound! } : undefined;
      });
      if (vals) {
        const loss = vals.loss.dataSync()[0]!;
        const bound = vals.bound.dataSync()[0]!;
        tf.dispose([vals.loss, vals.bound]);
        if (!Number.isFinite(loss) || !Number.isFinite(bound)) {
          throw new BedError('numerical', `train: non-finite ${Number.isFinite(loss) ? 'bound' : 'loss'} at step ${step} (loss ${loss}, bound ${bound}); lower train.lr`, { cause: { history } });
        }
        const row = { step, loss, bound, seconds: (performance.now() - t0) / 1000 };
        history.push(row);
        s.onRecord?.(row);
        task.update(step, { bound: bound.toFixed(3) });
      }
    }
    if (step > s.steps) step = s.steps;
  } finally {
    task.stop();
    optPolicy.dispose();
    optCritic?.dispose();
  }
  return { history, stepsDone: step, seconds: (performance.now() - t0) / 1000, stopped };
}
