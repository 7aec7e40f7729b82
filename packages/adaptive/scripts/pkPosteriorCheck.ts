/**
 * Critic posterior vs the exact-likelihood posterior on rollouts of a critic-trained policy run
 * (docs/adaptive-critic.md): for each of the first n rollouts of `<run>/rollouts.jsonl`, both
 * posteriors on the same M prior draws; prints per parameter the median and max of
 * |mean_critic − mean_exact| / sd_exact, the median sd ratio, and how often each 95% interval
 * covers the true θ. tsx packages/adaptive/scripts/pkPosteriorCheck.ts <run> [n = 50] [M = 20000]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng, selectBackend } from '@infobed/core';
import { credibleIntervals } from '@infobed/posterior';
import { historyPosterior, historyLikelihoodPosterior } from '../src/historyPosterior.js';
import { loadRun } from '../src/loadRun.js';
import { loadPolicyCritic } from '../src/runCritic.js';
import { testHost } from '../src/testHost.js';

const [runDir = '', nArg = '50', mArg = '20000'] = process.argv.slice(2);
await selectBackend('wasm');
const host = testHost();
const run = loadRun(host, runDir);
const rc = loadPolicyCritic(host, runDir, run.config, run.seq);
const names = [...run.seq.thetaNames];
const lines = readFileSync(join(runDir, 'rollouts.jsonl'), 'utf8').trim().split('\n').slice(0, Number(nArg)).map((l) => JSON.parse(l) as { theta: number[]; designs: number[][]; observations: number[][] });
const opts = { priorSamples: Number(mArg), resample: 0 };
const z: number[][] = names.map(() => []);
const ratio: number[][] = names.map(() => []);
const cover = { critic: names.map(() => 0), exact: names.map(() => 0) };
const ess: number[] = [];
const t0 = performance.now();
for (const [i, r] of lines.entries()) {
  const h = { designs: r.designs, observations: r.observations };
  const post = historyPosterior(rc.critic, run.seq, h, opts, new Rng(i), rc.contrast);
  const ref = historyLikelihoodPosterior(run.seq, h, opts, new Rng(i));
  ess.push(post.ess);
  const ci = credibleIntervals(post.priorSamples, post.logWeights, names, post.mean, post.cov);
  const ciRef = credibleIntervals(ref.priorSamples, ref.logWeights, names, ref.mean, ref.cov);
  names.forEach((_, a) => {
    const sd = Math.sqrt(ref.cov[a]![a]!);
    z[a]!.push(Math.abs(post.mean[a]! - ref.mean[a]!) / sd);
    ratio[a]!.push(Math.sqrt(post.cov[a]![a]!) / sd);
    if (ci[a]!.lower <= r.theta[a]! && r.theta[a]! <= ci[a]!.upper) cover.critic[a]!++;
    if (ciRef[a]!.lower <= r.theta[a]! && r.theta[a]! <= ciRef[a]!.upper) cover.exact[a]!++;
  });
}
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
console.log(`${lines.length} rollouts, M = ${opts.priorSamples}, critic ${rc.objective} (contrast ${rc.contrast}, ${rc.steps} steps), median critic ESS ${median(ess).toFixed(0)}, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
names.forEach((n, a) => {
  console.log(`${n}: |Δmean|/sd median ${median(z[a]!).toFixed(3)} max ${Math.max(...z[a]!).toFixed(3)}; sd ratio median ${median(ratio[a]!).toFixed(3)} [${Math.min(...ratio[a]!).toFixed(2)}, ${Math.max(...ratio[a]!).toFixed(2)}]; 95% CI covers true θ: critic ${cover.critic[a]}/${lines.length}, exact ${cover.exact[a]}/${lines.length}`);
});
rc.critic.dispose();
run.dispose();
