/** Times policy-training steps (tsx packages/adaptive/scripts/timeStep.ts <batch> <L> <T> [sim]). */
import { PluginHost, Rng, selectBackend, sequentialFromStatic } from '@infobed/core';
import policies from '@infobed/plugin-policies';
import lf from '@infobed/simulator-location-finding';
import pk from '@infobed/simulator-pharmacokinetic';
import { buildPolicy } from '../src/buildAdaptive.js';
import { trainPolicy } from '../src/trainPolicy.js';

const [batch = 256, L = 1023, T = 10] = process.argv.slice(2, 5).map(Number);
const simId = process.argv[5] ?? 'location-finding';
await selectBackend('wasm');
const host = new PluginHost();
for (const p of [policies, lf, pk]) host.use(p);
const seq = sequentialFromStatic(host.simulator(simId).create({ T }));
const policy = buildPolicy(host, { id: process.argv[6] ?? 'deepsets', options: {} }, seq, 1, 'x');
const steps = Number(process.argv[7] ?? 5);
await trainPolicy(policy, seq, { kind: 'spce', contrastive: L }, { steps: 1, batch, lr: 1e-4, recordEvery: 1 }, new Rng(0));
const r = await trainPolicy(policy, seq, { kind: 'spce', contrastive: L }, { steps, batch, lr: 1e-4, recordEvery: 1000 }, new Rng(1));
console.log(`${simId} batch ${batch} L ${L} T ${T}: ${(steps / r.seconds).toFixed(2)} steps/s`);
