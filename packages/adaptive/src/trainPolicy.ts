import * as tf from '@tensorflow/tfjs';
import {
  BedError,
  infoNceBound,
  restoreVariables,
  Rng,
  saveVariables,
  silentProgress,
  type Checkpoint,
  type Checkpointer,
  type Critic,
  type MiObjective,
  type Policy,
  type ProgressReporter,
  type RngState,
  type SequentialSimulator,
} from '@infobed/core';
import { FusedAdam, type AdamScalars } from '@infobed/nn';
import { historyRows, simulateRollouts, spceTerms } from './rollout.js';
import type { CriticScaling } from './scaledCritic.js';

/** Gradients scaled by min(1, c / ‖g‖₂) over all of them (inside a tidy scope). */
function clipGlobalNorm(g: Record<string, tf.Variable>, c: number): Record<string, tf.Variable> {
  const norm = tf.sqrt(tf.addN(Object.values(g).map((x) => tf.sum(tf.square(x)))));
  const scale = tf.minimum(1, tf.div(c, tf.maximum(norm, 1e-12)));
  return Object.fromEntries(Object.entries(g).map(([k, x]) => [k, tf.mul(x, scale) as tf.Variable]));
}

/**
 * JSON part of a policy-training checkpoint (kind `policy`); tensors `policy/<i>`, `critic/<i>`,
 * `adamPolicy/…`, `adamCritic/…`.
 */
export interface PolicyCheckpointState {
  readonly history: PolicyRecord[];
  readonly data: RngState;
  /** Training seconds before this checkpoint. */
  readonly seconds: number;
  readonly adamPolicy: AdamScalars;
  readonly adamCritic?: AdamScalars;
  /** A stateful prior's state (SIR's bank refresh: draws, bank generation). */
  readonly prior?: unknown;
  /** A stateful objective's state (MINE's moving average). */
  readonly objective?: unknown;
}

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
  | {
      readonly kind: 'critic';
      readonly objective: MiObjective;
      readonly critic: Critic;
      readonly lrCritic: number;
      /**
       * What a positive pair is contrasted with: `history` (default) = rows θ, columns histories,
       * the objective normalises over histories for each θ; `theta` = rows histories, columns θ,
       * normalised over θ for each history (iDAD), so an InfoNCE critic is log p(θ|h)/p(θ) up to
       * a function of h, a posterior density ratio (`policy infer`).
       */
      readonly contrast?: CriticContrast;
      /** The fixed input standardisation inside `critic` (train.criticScaling), saved with it. */
      readonly scaling?: CriticScaling;
    };

/** See `TrainObjective.contrast`. */
export type CriticContrast = 'history' | 'theta';

export interface TrainPolicySettings {
  readonly steps: number;
  readonly batch: number;
  readonly lr: number;
  readonly recordEvery: number;
  /**
   * Clip the policy gradient's global norm to this value (0 = off). sPCE gradients are
   * heavy-tailed (a design next to a source: ∂ log μ/∂ξ ~ 1/√m = 100), and one spike can throw
   * every design out of the region where the data are informative.
   */
  readonly clipNorm?: number;
  /** Learning-rate decay: lr × lrDecay^⌊(step − 1) / lrDecayEvery⌋ (1 = off; DAD: 0.98). */
  readonly lrDecay?: number;
  readonly lrDecayEvery?: number;
  /**
   * Keep-best: at the end, restore the policy weights of the record step with the highest
   * training bound smoothed over the last `keepBest` records (0 = off, keep the last weights).
   */
  readonly keepBest?: number;
  readonly progress?: ProgressReporter;
  readonly label?: string;
  /** Called after each recorded step (checkpointing, logging). */
  readonly onRecord?: (r: PolicyRecord) => void;
  /** Polled every step; training stops cleanly (returns what it has) when it returns true (SIGINT). */
  readonly shouldStop?: () => boolean;
  /** Wall-clock budget in minutes: training stops after the step that exceeds it (0 = none). */
  readonly maxMinutes?: number;
  /** Saves every N steps, after the last step and on interruption (then throws `interrupted`, exit 130). */
  readonly checkpointer?: Checkpointer;
  /** A checkpoint of this training to continue from (`policy train --resume`). */
  readonly resume?: Checkpoint<PolicyCheckpointState>;
}

export interface TrainPolicyResult {
  readonly history: PolicyRecord[];
  readonly stepsDone: number;
  readonly seconds: number;
  readonly stopped: boolean;
  /** Keep-best: the record step whose weights were restored, and its smoothed bound. */
  readonly best?: { readonly step: number; readonly smoothedBound: number; readonly restored: boolean };
  /** The policy learning rate of the last step (after decay). */
  readonly finalLr: number;
}

/** Mean of the last `k` recorded bounds (the keep-best criterion). */
export function smoothedBound(history: readonly PolicyRecord[], k: number): number {
  const tail = history.slice(-k);
  return tail.reduce((a, r) => a + r.bound, 0) / tail.length;
}

/**
 * Trains a policy by stochastic gradient ascent on the total-EIG bound of T-step rollouts
 * (specs/adaptive.md §1). Each step draws θ₀ `[batch, p]` and per-step noise, rolls the policy out
 * (gradients flow through ξ_t = π(h_{t−1}) and the reparameterised y_t), and either
 * - `spce`: maximises sPCE with L fresh contrastive θ shared by the batch (DAD), or
 * - `critic`: scores (θ₀, history) with the critic and descends the MI objective's loss, one Adam
 *   step on the critic and one on the policy (iDAD with any of the project's objectives).
 * Values are read back on record steps only; a non-finite value throws `BedError('numerical')`.
 * Yields to the event loop every ~50 ms, so a SIGINT handler can set `shouldStop`.
 */
export async function trainPolicy(policy: Policy, sim: SequentialSimulator, obj: TrainObjective, s: TrainPolicySettings, rng: Rng): Promise<TrainPolicyResult> {
  if (policy.variables.length === 0) throw new BedError('invalidArgument', `train: policy "${policy.id}" has no trainable variables`);
  const optPolicy = new FusedAdam(s.lr);
  const optCritic = obj.kind === 'critic' ? new FusedAdam(obj.lrCritic) : undefined;
  let data = rng.fork('train-data');
  const history: PolicyRecord[] = [];
  const task = (s.progress ?? silentProgress).start(s.label ?? 'train policy', s.steps);
  const policyNames = new Set(policy.variables.map((v) => v.name));
  const criticVars = obj.kind === 'critic' ? obj.critic.variables : [];
  let before = 0;
  let first = 1;
  if (s.resume) {
    const st = s.resume.state;
    restoreVariables('policy', policy.variables, s.resume.tensors);
    restoreVariables('critic', criticVars, s.resume.tensors);
    optPolicy.importState('adamPolicy', policy.variables, st.adamPolicy, s.resume.tensors);
    if (optCritic && st.adamCritic) optCritic.importState('adamCritic', criticVars, st.adamCritic, s.resume.tensors);
    data = Rng.restore(st.data);
    if (st.prior !== undefined) sim.restorePriorState?.(st.prior);
    if (st.objective !== undefined && obj.kind === 'critic') obj.objective.restoreState?.(st.objective);
    history.push(...st.history);
    before = st.seconds;
    first = s.resume.step + 1;
  }
  const t0 = performance.now();
  const elapsed = (): number => before + (performance.now() - t0) / 1000;
  const snapshot = (step: number): Checkpoint<PolicyCheckpointState> => {
    const p = optPolicy.exportState('adamPolicy', policy.variables);
    const c = optCritic?.exportState('adamCritic', criticVars);
    const prior = sim.priorState?.();
    const objState = obj.kind === 'critic' ? obj.objective.saveState?.() : undefined;
    return {
      kind: 'policy',
      step,
      state: { history, data: data.state(), seconds: elapsed(), adamPolicy: p.scalars, ...(c ? { adamCritic: c.scalars } : {}), ...(prior !== undefined ? { prior } : {}), ...(objState !== undefined ? { objective: objState } : {}) },
      tensors: { ...saveVariables('policy', policy.variables), ...saveVariables('critic', criticVars), ...p.tensors, ...(c?.tensors ?? {}) },
    };
  };
  let step = first - 1;
  let stopped = false;
  let lastYield = t0;
  const budgetMs = (s.maxMinutes ?? 0) * 60_000;
  const decay = s.lrDecay ?? 1;
  const decayEvery = Math.max(1, s.lrDecayEvery ?? 1);
  const keepBest = s.keepBest ?? 0;
  let best: { step: number; smoothedBound: number; weights: tf.Tensor[] } | undefined;
  try {
    for (step = first; step <= s.steps; step++) {
      if (!s.checkpointer && performance.now() - lastYield > 50) {
        await new Promise<void>((r) => setImmediate(r)); // let signal handlers run
        lastYield = performance.now();
      }
      if (s.shouldStop?.() || (budgetMs > 0 && elapsed() * 1000 > budgetMs)) {
        stopped = true;
        step -= 1;
        if (s.checkpointer && s.checkpointer.lastSaved !== step) s.checkpointer.save(snapshot(step));
        break;
      }
      const record = step % s.recordEvery === 0 || step === s.steps;
      if (decay !== 1) optPolicy.learningRate = s.lr * decay ** Math.floor((step - 1) / decayEvery);
      const vals = tf.tidy(() => {
        const theta = sim.samplePrior(s.batch, data);
        const contrast = obj.kind === 'spce' ? sim.samplePrior(obj.contrastive, data) : undefined;
        const vars = [...policy.variables, ...criticVars];
        let bound: tf.Scalar | undefined;
        const { value, grads } = tf.variableGrads(() => {
          const r = simulateRollouts(policy, sim, theta, data);
          if (obj.kind === 'spce') {
            const b = tf.mean(spceTerms(sim, r, contrast!)) as tf.Scalar;
            if (record) bound = tf.keep(b);
            return tf.neg(b) as tf.Scalar;
          }
          const batch = obj.contrast === 'theta' ? obj.critic.scores(historyRows(r), theta) : obj.critic.scores(theta, historyRows(r));
          const out = obj.objective.evaluate(batch);
          if (record) bound = tf.keep(out.bound ?? infoNceBound(batch.scores));
          return out.loss;
        }, vars as tf.Variable[]);
        const pg: Record<string, tf.Variable> = {};
        const cg: Record<string, tf.Variable> = {};
        for (const [name, g] of Object.entries(grads)) (policyNames.has(name) ? pg : cg)[name] = g as tf.Variable;
        optPolicy.applyGradients(s.clipNorm ? clipGlobalNorm(pg, s.clipNorm) : pg);
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
        const row = { step, loss, bound, seconds: elapsed() };
        history.push(row);
        s.onRecord?.(row);
        if (keepBest > 0) {
          const sm = smoothedBound(history, keepBest);
          if (!best || sm > best.smoothedBound) {
            if (best) tf.dispose(best.weights);
            best = { step, smoothedBound: sm, weights: policy.variables.map((v) => tf.keep(v.clone())) };
          }
        }
        task.update(step, { bound: bound.toFixed(3) });
      }
      await s.checkpointer?.atStep(step, () => snapshot(step), step === s.steps);
    }
    if (step > s.steps) step = s.steps;
    if (best && best.step !== step) policy.variables.forEach((v, i) => v.assign(best!.weights[i]!));
  } finally {
    if (best) tf.dispose(best.weights);
    task.stop();
    optPolicy.dispose();
    optCritic?.dispose();
  }
  const finalLr = optPolicy.learningRate;
  return {
    history,
    stepsDone: step,
    seconds: elapsed(),
    stopped,
    finalLr,
    ...(best ? { best: { step: best.step, smoothedBound: best.smoothedBound, restored: best.step !== step } } : {}),
  };
}
