// Scratch: iterations/s of each method's trainStep at the `default` preset widths (wasm).
import { Rng, selectBackend } from '@infobed/core';
import { makeLearner, resolveMetaConfig, sampleSupportQuery, META_METHODS } from '../src/index.js';
import * as tf from '@tensorflow/tfjs';

const n = Number(process.argv[2] ?? 200);
await selectBackend('wasm');
for (const method of META_METHODS) {
  const c = resolveMetaConfig({ method }, 'timing', 'default');
  const rng = new Rng(0);
  const l = makeLearner(c, rng.fork('m'));
  const tr = rng.fork('t');
  const ep = () => sampleSupportQuery(tr, c.training.tasksPerEpisode, c.training.supportShots, c.training.queryPoints);
  for (let i = 0; i < 10; i++) l.trainStep(ep());
  const t0 = performance.now();
  for (let i = 0; i < n; i++) l.trainStep(ep());
  const s = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({ method, backend: tf.getBackend(), iterations: n, seconds: +s.toFixed(2), itPerSec: +(n / s).toFixed(2), params: l.parameterCount }));
  l.dispose();
}
