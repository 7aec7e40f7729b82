/**
 * Fresh-critic bounds of the SIR baselines, T = 5 (docs/adaptive.md):
 * tsx packages/adaptive/scripts/sirFreshCritic.ts <paths> <rollouts> <critic steps> [objective] [policies, comma-separated].
 */
import { PluginHost, Rng, selectBackend, sequentialFromStatic } from '@infobed/core';
import critics from '@infobed/plugin-critics';
import bounds from '@infobed/plugin-estimator-bounds';
import policies from '@infobed/plugin-policies';
import sir from '@infobed/simulator-sir';
import { buildPolicy } from '../src/buildAdaptive.js';
import { evaluateWithFreshCritic } from '../src/freshCriticEvaluation.js';

const [paths = 10000, rollouts = 16384, steps = 2000] = process.argv.slice(2, 5).map(Number);
const objectiveId = process.argv[5] ?? 'infonce';
const ids = (process.argv[6] ?? 'equal-interval,random').split(',');
await selectBackend('wasm');
const host = new PluginHost();
for (const p of [critics, bounds, policies, sir]) host.use(p);
const t0 = performance.now();
const seq = sequentialFromStatic(host.simulator('sir').create({ T: 5, paths, obsScale: 100, bankSeed: 11 }));
console.log(`bank of ${paths} paths: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const entries = ids.map((id) => ({ name: id, policy: buildPolicy(host, { id, options: {} }, seq, 0, 'script') }));
const evals = evaluateWithFreshCritic(entries, seq, {
  rollouts,
  steps,
  batch: 256,
  lr: 1e-3,
  negatives: 4096,
  evalBatch: 256,
  critic: (xDim, yDim, seed) => host.critic('separable').create({ xDim, yDim, options: { hidden: [128, 128], embed: 32 }, seed }),
  objective: host.objective(objectiveId).create({}),
}, new Rng(0));
for (const e of evals) {
  console.log(`${e.name}: InfoNCE ${e.infonce.mean.toFixed(3)} ± ${e.infonce.stderr.toFixed(3)}, NWJ ${e.nwj.mean.toFixed(3)} ± ${e.nwj.stderr.toFixed(3)} (critic ${objectiveId}, ${steps} steps, train bound ${e.trainBound.toFixed(3)}, ${e.trainPairs}/${e.heldOutPairs} pairs, ${e.evalBatches} batches, K = ${e.negatives}, ${e.seconds.toFixed(1)} s)`);
}
