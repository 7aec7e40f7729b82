/**
 * How close `infobed infer`'s critic posterior is to the reference posterior (importance sampling
 * with the true likelihood, `likelihoodPosterior`) for a design run of a simulator with a
 * likelihood: the numbers of docs/infer.md's "Accuracy" table. From the repository root:
 *
 *   npx tsx scripts/inferAccuracy.ts <design run dir> [--theta '[1.1,0.09,21]'] [--outcomes 10]
 *       [--samples 20000] [--reference 100000]
 *
 * Outcomes: `--theta` (if given) and prior draws (seed 99) up to `--outcomes`, each simulated once at
 * the run's design (noise seeds 7, 8, …). Prints, per outcome and parameter, the critic posterior
 * mean ± sd against the reference, err = |Δmean| / reference sd and the sd ratio, then the ranges.
 */
import * as tf from '@tensorflow/tfjs';
import { FIRST_PARTY_PLUGINS } from '@infobed/cli';
import { PluginHost, Rng, selectBackend } from '@infobed/core';
import { criticPosterior, likelihoodPosterior, loadRunCritic } from '@infobed/posterior';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const runDir = process.argv[2];
if (!runDir || runDir.startsWith('--')) {
  console.error('usage: npx tsx scripts/inferAccuracy.ts <design run dir> [--theta json] [--outcomes n] [--samples M] [--reference M]');
  process.exit(2);
}
const outcomes = Number(arg('outcomes', '10'));
const samples = Number(arg('samples', '20000'));
const reference = Number(arg('reference', '100000'));
const given = process.argv.includes('--theta') ? [JSON.parse(arg('theta', '[]')) as number[]] : [];

await selectBackend('wasm');
const host = new PluginHost();
for (const p of FIRST_PARTY_PLUGINS) host.use(p, p.meta.name);
const run = loadRunCritic(host, runDir);
const { sim, critic, state } = run;
const design = state.design;
const thetas = [...given, ...tf.tidy(() => sim.samplePrior(Math.max(0, outcomes - given.length), new Rng(99)).arraySync() as number[][])];
const errs: number[] = [];
const ratios: number[] = [];
const ess: number[] = [];
console.log(`${state.simulator.id}, ${state.critic.id} critic (${state.objective.id}${state.inputScaling ? ', standardised inputs' : ''}), design [${design.map((d) => d.toFixed(3)).join(', ')}]`);
for (const [i, theta] of thetas.entries()) {
  const y = tf.tidy(() => Array.from(sim.simulate(tf.tensor2d([theta]), tf.tensor1d(design), sim.sampleNoise(1, new Rng(7 + i))).dataSync()));
  const ref = likelihoodPosterior(sim, y, design, { priorSamples: reference, resample: 0 }, new Rng(0));
  const post = criticPosterior(critic, sim, y, design, { priorSamples: samples, resample: 0 }, new Rng(1));
  ess.push(post.ess);
  const cells = sim.thetaNames.map((name, a) => {
    const sd = Math.sqrt(ref.cov[a]![a]!);
    const err = Math.abs(post.mean[a]! - ref.mean[a]!) / sd;
    const ratio = Math.sqrt(post.cov[a]![a]!) / sd;
    errs.push(err);
    ratios.push(ratio);
    return `${name} ${post.mean[a]!.toPrecision(4)} ± ${Math.sqrt(post.cov[a]![a]!).toPrecision(3)} vs ${ref.mean[a]!.toPrecision(4)} ± ${sd.toPrecision(3)} (err ${err.toFixed(2)}, sd ×${ratio.toFixed(2)})`;
  });
  console.log(`θ = [${theta.map((v) => v.toPrecision(3)).join(', ')}]  ESS ${post.ess.toFixed(0)}/${samples}, reference ESS ${ref.ess.toFixed(0)}/${reference}\n  ${cells.join('\n  ')}`);
}
const range = (v: number[], d: number): string => `${Math.min(...v).toFixed(d)}–${Math.max(...v).toFixed(d)} (median ${[...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!.toFixed(d)})`;
console.log(`err ${range(errs, 2)}; sd ratio ${range(ratios, 2)}; ESS ${range(ess, 0)}`);
run.dispose();
