import type { Policy, PluginHost, ProgressReporter, Rng, SequentialSimulator } from '@infobed/core';
import { freshCriticBound, type HeldOutBound, type PairSamples } from '@infobed/evaluate';
import { asConfigError } from './buildAdaptive.js';
import type { FreshCriticConfig } from './FreshCriticConfigSchema.js';
import { rolloutPairs } from './freshCriticEvaluation.js';

/** The fresh-critic bound of the first t measurements (the bound-vs-T plot). */
export interface PrefixBound {
  readonly t: number;
  /** Which bound: the objective of the critic that produced it (`infonce` or `nwj`). */
  readonly bound: 'infonce' | 'nwj';
  readonly mean: number;
  readonly stderr: number;
  /** Adam steps of the critic behind this point (`byTSteps` for the curve, `steps` for t = T in `policy train`). */
  readonly criticSteps: number;
}

/** One policy scored by fresh critics (implicit simulators). */
export interface ImplicitEvaluation {
  readonly name: string;
  readonly id: string;
  /** InfoNCE lower bound of the T-step experiment from the critic trained with InfoNCE. */
  readonly infonce?: HeldOutBound;
  /** NWJ lower bound from the critic trained with NWJ. */
  readonly nwj?: HeldOutBound;
  /**
   * Bounds of the first t measurements, t = 1 … T (t < T only when `byT`; then every point from a
   * critic of `byTSteps` steps), the first objective's bound.
   */
  readonly byT: PrefixBound[];
  /** Each new critic's training bound on its last minibatch (by objective). */
  readonly criticTrainBounds: Record<string, number>;
  readonly negatives: number;
  readonly evalBatches: number;
  readonly trainPairs: number;
  readonly heldOutPairs: number;
  readonly seconds: number;
}

export interface EvaluateImplicitOptions {
  readonly host: PluginHost;
  /** Rollouts per policy (half train each new critic, half are held out). */
  readonly rollouts: number;
  readonly settings: FreshCriticConfig;
  /** Also the prefixes t < T (`settings.byT` must be on too). */
  readonly byT: boolean;
  /** Config file name for error messages. */
  readonly where: string;
  readonly progress?: ProgressReporter;
}

/** The first `cols` columns of every y row (the history of the first t measurements). */
function prefixPairs(d: PairSamples, cols: number): PairSamples {
  if (cols === d.yDim) return d;
  const y = new Float32Array(d.n * cols);
  for (let i = 0; i < d.n; i++) y.set(d.y.subarray(i * d.yDim, i * d.yDim + cols), i * cols);
  return { ...d, yDim: cols, y };
}

/**
 * Scores policies of an implicit simulator without trusting any training critic (issue 11;
 * specs/adaptive.md §3.3): each frozen policy is rolled out afresh (`rolloutPairs`: the same θ₀
 * stream for every policy), and for each objective in `settings.objectives` a NEW critic
 * (`settings.critic`, the same seed for every policy) is trained on half of the rollouts and its
 * own lower bound is read on the other half with K negatives (`freshCriticBound`). With `byT`, the
 * first objective's bound of the first t measurements too (a new critic on the history prefix).
 */
export function evaluateImplicit(entries: readonly { name: string; policy: Policy }[], seq: SequentialSimulator, o: EvaluateImplicitOptions, rng: Rng): ImplicitEvaluation[] {
  const s = o.settings;
  const perStep = seq.step.designDim + seq.step.obsDim;
  const criticFactory = asConfigError(o.where, 'evaluate.freshCritic.critic', () => o.host.critic(s.critic.id));
  const objectives = new Map(s.objectives.map((id) => [id, asConfigError(o.where, 'evaluate.freshCritic.objectives', () => o.host.objective(id).create({}))] as const));
  const score = (data: PairSamples, objective: 'infonce' | 'nwj', steps: number, tag: string) => {
    const critic = asConfigError(o.where, 'evaluate.freshCritic.critic', () =>
      criticFactory.create({ xDim: data.xDim, yDim: data.yDim, options: s.critic.options, seed: rng.fork(`fresh-critic-seed-${tag}`).int(2 ** 30) }),
    );
    try {
      return freshCriticBound(critic, objectives.get(objective)!, data, { ...s, steps }, rng.fork(`fresh-critic-${tag}`));
    } finally {
      critic.dispose();
    }
  };
  return entries.map(({ name, policy }) => {
    const t0 = performance.now();
    o.progress?.log(`fresh-critic evaluation of ${name}: ${o.rollouts} rollouts, critics ${s.objectives.join(' + ')} (${s.steps} steps), K = ${s.negatives}${o.byT ? ', and t = 1 … T' : ''}`);
    const data = rolloutPairs(policy, seq, o.rollouts, rng.fork('fresh-rollouts'));
    const full = s.objectives.map((id) => [id, score(data, id, s.steps, id)] as const);
    const first = full[0]!;
    // Every point of the curve from a critic of the same budget: t = T again when byTSteps ≠ steps.
    const prefixSteps = s.byTSteps ?? s.steps;
    const byT: PrefixBound[] = [];
    for (let t = o.byT ? 1 : seq.T; t <= seq.T; t++) {
      const r = t === seq.T && (!o.byT || prefixSteps === s.steps) ? first[1] : score(prefixPairs(data, t * perStep), first[0], prefixSteps, `${first[0]}-t${t}`);
      byT.push({ t, bound: first[0], ...r[first[0]], criticSteps: t === seq.T && r === first[1] ? s.steps : prefixSteps });
    }
    const of = (id: 'infonce' | 'nwj') => full.find(([k]) => k === id)?.[1][id];
    const infonce = of('infonce');
    const nwj = of('nwj');
    const r = first[1];
    return {
      name,
      id: policy.id,
      ...(infonce ? { infonce } : {}),
      ...(nwj ? { nwj } : {}),
      byT,
      criticTrainBounds: Object.fromEntries(full.map(([k, v]) => [k, v.trainBound])),
      negatives: r.negatives,
      evalBatches: r.evalBatches,
      trainPairs: r.trainPairs,
      heldOutPairs: r.heldOutPairs,
      seconds: (performance.now() - t0) / 1000,
    };
  });
}
