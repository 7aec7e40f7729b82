import type { Policy, ProgressReporter, Rng, SequentialSimulator } from '@infobed/core';
import { meanStderr } from '@infobed/evaluate';
import { evaluateRollouts, type PrefixBracket } from './evaluateRollouts.js';
import { generateRollouts, type Rollout } from './RolloutSet.js';

/** One policy's evaluation: the bracket for every prefix length and its rollouts. */
export interface PolicyEvaluation {
  readonly name: string;
  readonly id: string;
  readonly byT: PrefixBracket[];
  /** Total EIG of the T-step experiment: sPCE (lower) and sNMC (upper). */
  readonly spce: number;
  readonly spceStderr: number;
  readonly snmc: number;
  readonly snmcStderr: number;
  /** sPCE of the first entry (the trained policy) minus this one's, paired over rollouts (same θ₀ and noise streams). */
  readonly firstMinusThis?: { readonly mean: number; readonly stderr: number };
  readonly seconds: number;
  readonly rollouts: Rollout[];
}

export interface EvaluatePoliciesOptions {
  readonly rollouts: number;
  readonly inner: number;
  readonly chunk: number;
  readonly progress?: ProgressReporter;
}

/**
 * Evaluates every policy with the same evaluator and the same random numbers: rollouts from
 * `rng` (θ₀ and noise streams shared by all policies), inner samples from `rng` (shared too).
 */
export function evaluatePolicies(entries: readonly { name: string; policy: Policy }[], sim: SequentialSimulator, o: EvaluatePoliciesOptions, rng: Rng): PolicyEvaluation[] {
  const out: PolicyEvaluation[] = [];
  let firstTerms: Float64Array | undefined;
  for (const { name, policy } of entries) {
    const t0 = performance.now();
    o.progress?.log(`evaluating ${name}: N = ${o.rollouts} rollouts, L = ${o.inner} inner samples`);
    const rollouts = generateRollouts(policy, sim, o.rollouts, rng.fork('evaluate-rollouts'));
    const ev = evaluateRollouts(sim, rollouts, { inner: o.inner, chunk: o.chunk, label: `evaluate ${name}`, ...(o.progress ? { progress: o.progress } : {}) }, rng.fork('evaluate-inner'));
    const last = ev.byT.at(-1)!;
    let gain: PolicyEvaluation['firstMinusThis'];
    if (firstTerms === undefined) firstTerms = ev.terms;
    else {
      const d = new Float64Array(ev.terms.length);
      for (let i = 0; i < d.length; i++) d[i] = firstTerms[i]! - ev.terms[i]!;
      const ms = meanStderr(d);
      gain = { mean: ms.mean, stderr: ms.stderr };
    }
    out.push({ name, id: policy.id, byT: ev.byT, spce: last.spce, spceStderr: last.spceStderr, snmc: last.snmc, snmcStderr: last.snmcStderr, ...(gain ? { firstMinusThis: gain } : {}), seconds: (performance.now() - t0) / 1000, rollouts });
  }
  return out;
}
