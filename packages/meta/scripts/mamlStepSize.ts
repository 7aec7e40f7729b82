// Why MAML / FOMAML "diverge" at K = 1 with 10 test-time steps (docs/meta-learning.md): trains the
// `ci`-preset learner exactly as `infobed meta --preset ci --seed S` does (same streams), then on
// the 600 fixed test tasks measures, per task and K, the sharpness of the support loss at the
// meta-learned initialisation θ₀ and the effect of 10 SGD steps.
//
// For the K-point support loss L(θ) = (1/K) Σ_i (f_θ(x_i) − y_i)², the Gauss–Newton curvature is
// (2/K) JᵀJ with J = [∂f_θ(x_i)/∂θ] (K × P); its top eigenvalue λ_max is the top eigenvalue of the
// K × K Gram matrix (2/K) J Jᵀ. Plain SGD with step α is unstable along that direction when
// α·λ_max > 2 (for K = 1: λ = 2‖J‖², the residual is multiplied by 1 − 2α‖J‖² per step).
//   npx tsx packages/meta/scripts/mamlStepSize.ts [--method maml|fomaml] [--seed 0] [--iterations 1500]
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { Rng, selectBackend } from '@infobed/core';
import {
  functionalMlp,
  innerSgd,
  MamlLearner,
  metaStreams,
  perTaskMse,
  resolveMetaConfig,
  sampleSupportQuery,
  SineTestSet,
  summarise,
  taskTensors,
  tileParams,
  type SineEpisode,
} from '../src/index.js';

const { values: a } = parseArgs({ options: { method: { type: 'string', default: 'maml' }, seed: { type: 'string', default: '0' }, iterations: { type: 'string' } } });
await selectBackend('wasm');
const seed = Number(a.seed);
const config = resolveMetaConfig({ method: a.method }, 'mamlStepSize', 'ci', a.iterations ? { training: { iterations: Number(a.iterations) } } : {});
const streams = metaStreams(new Rng(seed), config.testSeed);
// The same construction as makeLearner (same seed draw), kept unwrapped to reach θ₀.
const maml = new MamlLearner({ ...config.maml, firstOrder: config.method === 'fomaml', seed: streams.model.int(1_000_000) });
const tr = config.training;
const t0 = performance.now();
for (let it = 1; it <= tr.iterations; it++) maml.trainStep(sampleSupportQuery(streams.train, tr.tasksPerEpisode, tr.supportShots, tr.queryPoints, config.task.noiseStd));
console.log(`${config.method}, ci preset, seed ${seed}: ${tr.iterations} iterations in ${((performance.now() - t0) / 1000).toFixed(0)} s (${tf.getBackend()})`);
const test = SineTestSet.sample(streams.test, config.evaluation.tasks, 20, config.evaluation.queries, config.task.noiseStd);

/** Per-task top eigenvalue of (2/K) J Jᵀ at θ (J: output gradients at the K support inputs). */
function sharpness(theta: readonly tf.Tensor[], support: SineEpisode): Float64Array {
  const { tasks: T, points: K } = support;
  const P = tf.tidy(() => {
    const copies = tileParams(theta, T * K); // one parameter copy per support point
    const x = tf.tensor3d(support.x, [T * K, 1, 1]);
    const g = tf.grads((...p: tf.Tensor[]) => tf.sum(functionalMlp(p, x)))(copies);
    return tf.concat(g.map((gi) => tf.reshape(gi, [T * K, -1])), 1); // [T·K, P]
  });
  const J = P.arraySync() as number[][];
  P.dispose();
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    const G = Array.from({ length: K }, (_, i) => Array.from({ length: K }, (_, j) => (2 / K) * J[t * K + i]!.reduce((s, v, p) => s + v * J[t * K + j]![p]!, 0)));
    let v = Array.from({ length: K }, () => 1);
    let lam = 0;
    for (let it = 0; it < 200; it++) {
      const w = G.map((row) => row.reduce((s, g, j) => s + g * v[j]!, 0));
      lam = Math.hypot(...w);
      v = w.map((x) => x / lam);
    }
    out[t] = lam;
  }
  return out;
}

/** Query MSE per task after `steps` SGD steps of size `alpha` on the support (from θ₀). */
function adapted(support: SineEpisode, query: SineEpisode, alpha: number, steps: number): { query: Float64Array; support: Float64Array } {
  const [q, sp] = tf.tidy(() => {
    const s = taskTensors(support);
    let theta = tileParams(maml.variables, support.tasks);
    if (steps > 0) theta = innerSgd(theta, s.x, s.y, alpha, steps, true);
    return [functionalMlp(theta, tf.tensor3d(query.x, [query.tasks, query.points, 1])).dataSync() as Float32Array, functionalMlp(theta, s.x).dataSync() as Float32Array];
  });
  return { query: perTaskMse(query, q!), support: perTaskMse(support, sp!) };
}

const alpha = config.maml.innerLr;
const fmt = (x: number): string => (Math.abs(x) >= 1e4 ? x.toExponential(1) : x.toFixed(3));
console.log(`α = ${alpha}; unstable if α·λ_max > 2`);
console.log('K | median α·λ_max | tasks α·λ_max>2 | tasks support loss ↑ after 10 steps | overlap | test MSE 0 / 1 / 10 steps (α) | 10 steps at α/2 | 10 steps at α/4');
for (const k of [1, 2, 3, 5, 10]) {
  const { support, query } = test.shots(k);
  const lam = sharpness(maml.variables, support);
  const unstable = Array.from(lam, (l) => alpha * l > 2);
  const s0 = adapted(support, query, alpha, 0);
  const s1 = adapted(support, query, alpha, 1);
  const s10 = adapted(support, query, alpha, 10);
  const up = Array.from(s10.support, (v, t) => v > s0.support[t]!);
  const both = unstable.filter((u, t) => u && up[t]).length;
  const half = adapted(support, query, alpha / 2, 10);
  const quarter = adapted(support, query, alpha / 4, 10);
  const sorted = Array.from(lam).sort((x, y) => x - y);
  console.log(
    `${k} | ${(alpha * sorted[Math.floor(sorted.length / 2)]!).toFixed(2)} | ${unstable.filter(Boolean).length} | ${up.filter(Boolean).length} | ${both} | ` +
      `${fmt(summarise(s0.query).mean)} / ${fmt(summarise(s1.query).mean)} / ${fmt(summarise(s10.query).mean)} | ${fmt(summarise(half.query).mean)} | ${fmt(summarise(quarter.query).mean)}`,
  );
}
maml.dispose();
