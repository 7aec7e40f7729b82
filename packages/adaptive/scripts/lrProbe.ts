/** Training-bound trajectory for a few settings (tsx packages/adaptive/scripts/lrProbe.ts <policy> <lr> <steps> <batch> <L> <T>). */
import { PluginHost, Rng, selectBackend, sequentialFromStatic } from '@infobed/core';
import policies from '@infobed/plugin-policies';
import lf from '@infobed/simulator-location-finding';
import { buildPolicy } from '../src/buildAdaptive.js';
import { trainPolicy } from '../src/trainPolicy.js';

const [id = 'deepsets', lr = '1e-3', steps = '300', batch = '64', L = '255', T = '10', opts = '{}', clip = '0'] = process.argv.slice(2);
await selectBackend('wasm');
const host = new PluginHost();
for (const p of [policies, lf]) host.use(p);
const seq = sequentialFromStatic(host.simulator('location-finding').create({ T: Number(T) }));
const policy = buildPolicy(host, { id, options: JSON.parse(opts) }, seq, 1, 'probe');
const r = await trainPolicy(policy, seq, { kind: 'spce', contrastive: Number(L) }, { steps: Number(steps), batch: Number(batch), lr: Number(lr), recordEvery: 25, clipNorm: Number(clip), onRecord: (h) => process.stdout.write(`${h.step}:${h.bound.toFixed(2)} `) }, new Rng(0));
console.log(`\n${id} lr ${lr}: ${(r.stepsDone / r.seconds).toFixed(2)} steps/s`);
