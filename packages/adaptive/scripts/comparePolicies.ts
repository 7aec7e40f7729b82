/**
 * Paired sPCE comparison of saved policies of the same experiment, trained in different runs
 * (docs/adaptive-critic.md): every policy meets the same θ₀, noise and inner samples
 * (`evaluatePolicies`, seed 0 as `policy train`), so the first policy's minus each other's sPCE is
 * paired over rollouts.
 * tsx packages/adaptive/scripts/comparePolicies.ts <N> <L> <out dir | -> <name>=<policy.json> [<name>=<policy.json> …]
 * (the experiment is the first file's run: <run>/config.resolved.yaml; with an out dir, eig-vs-t.png there).
 */
import { dirname, join } from 'node:path';
import { parseWithSchema, readYaml, Rng, selectBackend } from '@infobed/core';
import { AdaptiveConfigSchema } from '../src/AdaptiveConfigSchema.js';
import { writeEigPlots } from '../src/adaptivePlots.js';
import { buildSequential } from '../src/buildAdaptive.js';
import { evaluatePolicies } from '../src/evaluatePolicies.js';
import { policyFromFile } from '../src/loadRun.js';
import { testHost } from '../src/testHost.js';

const [n = '1000', L = '100000', out = '-', ...named] = process.argv.slice(2);
const files = named.map((a) => a.slice(a.indexOf('=') + 1));
await selectBackend('wasm');
const host = testHost();
const cfgFile = join(dirname(dirname(files[0]!)), 'config.resolved.yaml');
const config = parseWithSchema(AdaptiveConfigSchema, readYaml(cfgFile), cfgFile);
const seq = buildSequential(host, config.simulator, cfgFile);
const entries = named.map((a, i) => ({ name: a.slice(0, a.indexOf('=')), policy: policyFromFile(host, files[i]!, seq).policy }));
const evals = evaluatePolicies(entries, seq, { rollouts: Number(n), inner: Number(L), chunk: 25_000 }, new Rng(config.seed).fork('evaluate'));
for (const e of evals) {
  const d = e.firstMinusThis ? `   first − this ${e.firstMinusThis.mean.toFixed(3)} ± ${e.firstMinusThis.stderr.toFixed(3)}` : '';
  console.log(`${e.name}: sPCE ${e.spce.toFixed(3)} ± ${e.spceStderr.toFixed(3)}  (by t: ${e.byT.map((b) => b.spce.toFixed(2)).join(' / ')})${d}`);
}
if (out !== '-') await writeEigPlots(out, evals, [], `${seq.id} (T = ${seq.T}), N = ${n}, L = ${L}`);
for (const { policy } of entries) policy.dispose();
seq.dispose?.();
