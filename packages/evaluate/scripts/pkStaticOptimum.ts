/**
 * Evidence for the pharmacokinetic T = 5 target (best static design known ≈ 3.15 nats): how good
 * can a static design be under our likelihood, and how far are the critic-found designs from it?
 * Run from the repository root (wasm backend):
 *
 *   npx tsx packages/evaluate/scripts/pkStaticOptimum.ts ascent [--steps 600] [--outer 64] [--inner 1000] [--seed 0] [--start '[..]']
 *     Stochastic gradient ascent of sPCE(d) itself (explicit likelihood, pathwise through y and
 *     through log p(y | θ, d)), fresh outer/inner draws each step, Adam on ξ = logit(t/24).
 *   npx tsx packages/evaluate/scripts/pkStaticOptimum.ts paired --designs '[[..],[..]]' [--outer 1000] [--inner 5000] [--seed 7]
 *     sPCE/sNMC of every design with common random numbers, and each design's paired
 *     difference to the first (mean ± s.e. over the outer samples).
 */
import * as tf from '@tensorflow/tfjs';
import { FIRST_PARTY_PLUGINS } from '@infobed/cli';
import { PluginHost, Rng, selectBackend, type Simulator } from '@infobed/core';
import { meanStderr, nestedTerms } from '../src/index.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

function pkSimulator(): Simulator {
  const host = new PluginHost();
  for (const p of FIRST_PARTY_PLUGINS) host.use(p, p.meta.name);
  return host.simulator('pharmacokinetic').create({ T: 5 });
}

/** Scalar −sPCE at design `t` `[T]` over n outer and l inner draws (differentiable in t). */
function negSpce(sim: Simulator, t: tf.Tensor1D, n: number, l: number, rng: Rng): tf.Scalar {
  const theta0 = sim.samplePrior(n, rng);
  const noise = sim.sampleNoise(n, rng);
  const inner = sim.samplePrior(l, rng);
  const y = sim.simulate(theta0, t, noise); // [n, T]
  const ll0 = tf.sum(tf.mul(sim.logLikelihood!(y, theta0, t), tf.eye(n)), 1); // [n]: log p(y_i | θ0_i)
  const llInner = sim.logLikelihood!(y, inner, t); // [n, l]
  const lse = tf.logSumExp(tf.concat([tf.expandDims(ll0, 1), llInner], 1), 1); // [n]
  return tf.neg(tf.mean(tf.sub(ll0, tf.sub(lse, Math.log(l + 1))))) as tf.Scalar;
}

function ascent(): void {
  const sim = pkSimulator();
  const steps = Number(arg('steps', '600'));
  const n = Number(arg('outer', '64'));
  const l = Number(arg('inner', '1000'));
  const rng = new Rng(Number(arg('seed', '0')));
  const start = JSON.parse(arg('start', JSON.stringify(Array.from({ length: 5 }, (_, i) => 5 / 60 + ((23.9 - 5 / 60) * i) / 4)))) as number[];
  const xi = tf.variable(tf.tensor1d(sim.designSpace.toRaw(start)));
  const opt = tf.train.adam(Number(arg('lr', '0.05')));
  let avg = 0;
  for (let s = 1; s <= steps; s++) {
    const loss = opt.minimize(() => tf.tidy(() => negSpce(sim, sim.designSpace.toDesign(xi), n, l, rng)), true, [xi])!;
    avg += -loss.dataSync()[0]!;
    loss.dispose();
    if (s % 50 === 0) {
      const t = tf.tidy(() => Array.from(sim.designSpace.toDesign(xi).dataSync()));
      process.stderr.write(`step ${s}: mean sPCE over the last 50 steps ${(avg / 50).toFixed(3)}, t = [${t.map((v) => v.toFixed(2)).join(', ')}]\n`);
      avg = 0;
    }
  }
  const t = tf.tidy(() => Array.from(sim.designSpace.toDesign(xi).dataSync()));
  process.stdout.write(`${JSON.stringify(t.map((v) => Math.round(v * 1000) / 1000))}\n`);
}

function paired(): void {
  const sim = pkSimulator();
  const designs = JSON.parse(arg('designs', '[]')) as number[][];
  const opts = { outer: Number(arg('outer', '1000')), inner: Number(arg('inner', '5000')) };
  const seed = Number(arg('seed', '7'));
  const terms = designs.map((d) => nestedTerms(sim, d, opts, new Rng(seed)));
  const f = (v: number) => v.toFixed(3);
  process.stdout.write(`N = ${opts.outer}, L = ${opts.inner}, seed ${seed} (common random numbers), backend ${tf.getBackend()}\n`);
  process.stdout.write('| design (h) | sPCE ± s.e. | sNMC ± s.e. | sPCE − first (paired) |\n|---|---|---|---|\n');
  terms.forEach((t, i) => {
    const lo = meanStderr(t.spce);
    const hi = meanStderr(t.snmc);
    const diff = meanStderr(t.spce.map((v, k) => v - terms[0]!.spce[k]!));
    process.stdout.write(`| ${designs[i]!.map((v) => v.toFixed(2)).join(', ')} | ${f(lo.mean)} ± ${f(lo.stderr)} | ${f(hi.mean)} ± ${f(hi.stderr)} | ${i === 0 ? '–' : `${f(diff.mean)} ± ${f(diff.stderr)}`} |\n`);
  });
}

await selectBackend('wasm');
const mode = process.argv[2];
if (mode === 'ascent') ascent();
else if (mode === 'paired') paired();
else {
  process.stderr.write('usage: pkStaticOptimum.ts ascent|paired [options] (see the file header)\n');
  process.exitCode = 2;
}
