/**
 * The posterior check of `policy evaluate` alone (docs/adaptive-sir.md, "The posterior after an
 * experiment"), without re-running the fresh-critic bounds: trains the run's posterior critic when
 * it has none (`evaluate.posteriorCritic` of its config.resolved.yaml), calibrates it on held-out
 * rollouts and plots rollout 1 of `<run>/rollouts.jsonl` beside ABC; writes `<run>/posterior-check.json`.
 * tsx packages/adaptive/scripts/sirPosteriorCheck.ts <run> [--train]
 */
import { join } from 'node:path';
import { PluginHost, Rng, selectBackend, silentProgress, writeFileAtomic, type ProgressReporter } from '@infobed/core';
import critics from '@infobed/plugin-critics';
import bounds from '@infobed/plugin-estimator-bounds';
import policies from '@infobed/plugin-policies';
import sir from '@infobed/simulator-sir';
import { loadRun } from '../src/loadRun.js';
import { posteriorCheck } from '../src/posteriorCheck.js';

const [runDir = '', flag] = process.argv.slice(2);
await selectBackend('wasm');
const host = new PluginHost();
for (const p of [critics, bounds, policies, sir]) host.use(p);
const run = loadRun(host, runDir);
const t0 = performance.now();
const progress: ProgressReporter = { ...silentProgress, log: (m) => console.log(`${((performance.now() - t0) / 1000).toFixed(0)} s: ${m}`) };
const where = join(runDir, 'config.resolved.yaml');
const r = await posteriorCheck({ host, config: run.config, runDir, outDir: runDir, policy: run.policy, where, train: flag === '--train', plots: true, progress }, new Rng(run.config.seed).fork('posterior'));
writeFileAtomic(join(runDir, 'posterior-check.json'), `${JSON.stringify({ seconds: (performance.now() - t0) / 1000, ...r.summary }, null, 2)}\n`);
console.log(JSON.stringify({ ...r.summary, calibration: r.summary.calibration ? { ...r.summary.calibration, pit: undefined } : undefined }, null, 1));
run.dispose();
