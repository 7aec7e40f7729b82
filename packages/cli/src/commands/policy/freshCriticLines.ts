import type { FreshCriticSummary } from '@infobed/adaptive';

const pm = (b: { mean: number; stderr: number } | undefined): string => (b ? `${b.mean.toFixed(3)} ± ${b.stderr.toFixed(3)}` : '–');

/** Console lines of a fresh-critic evaluation (implicit simulators): InfoNCE and NWJ lower bounds per policy, and the bound by t when present. */
export function freshCriticLines(s: FreshCriticSummary): string[] {
  const T = Math.max(...s.results.flatMap((e) => e.byT.map((b) => b.t)));
  const byT = s.results.some((e) => e.byT.length > 1);
  return [
    `lower bounds on the total EIG from fresh critics (${s.critic.id}, ${s.criticSteps} steps) on held-out rollouts: ${s.rollouts} rollouts per policy, K = ${s.negatives} negatives, ± s.e. over evaluation batches (nats):`,
    ...s.results.map((e) => `  ${e.name.padEnd(16)} InfoNCE ${pm(e.infonce)}   NWJ ${pm(e.nwj)}`),
    ...(byT ? [`  by number of measurements t = 1 … ${T} (${s.results[0]?.byT[0]?.bound ?? ''}, critics of ${s.results[0]?.byT[0]?.criticSteps ?? 0} steps):`, ...s.results.map((e) => `  ${e.name.padEnd(16)} ${e.byT.map((b) => b.mean.toFixed(3)).join('  ')}`)] : []),
  ];
}
