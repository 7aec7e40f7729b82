/**
 * Diagnostic (issue 15): trains FLO's default critic exactly as
 * `infobed estimate --config configs/estimate-gaussian.yaml --objective flo --seed <seed>` does
 * (same streams: `Rng(seed).fork('estimate').fork('run0')`, d = 10, a fresh start at 10 nats, Adam
 * 1e-4, B = 64), then reads the held-out estimate of the SAME trained critic on `sets` independent
 * held-out sets of 10,000 pairs. Set 0 uses the CLI's stream (`held-out0`), so it must equal the
 * CLI's held-out value; sets 1… use streams `held-out-extra<j>`. Separates critic quality from
 * held-out noise. Usage (from packages/estimate):
 *   npx tsx scripts/floHeldOutSets.ts <seed> [steps = 3000] [average = 1000] [sets = 5]
 */
import { criticFor, PluginHost, Rng, selectBackend, silentProgress } from '@infobed/core';
import critics from '@infobed/plugin-critics';
import flo from '@infobed/plugin-estimator-flo';
import { GaussianTask } from '@infobed/plugin-tasks';
import { parseEstimateSettings } from '../src/EstimateSettings.js';
import { heldOutEstimate } from '../src/heldOutEstimate.js';
import { trainRun } from '../src/trainRun.js';

const [seed = 3, steps = 3000, average = 1000, sets = 5] = process.argv.slice(2).map(Number);
const backend = await selectBackend('auto');
const host = new PluginHost();
host.use(critics);
host.use(flo);
const factory = host.objective('flo');
const critic = criticFor(factory, undefined, { id: 'separable' });
const s = parseEstimateSettings({ objectives: [{ id: 'flo' }], dim: 10, mi: [10], batch: 64, stepsPerStage: steps, average, lr: 1e-4, heldOut: 10000 });
const task = new GaussianTask(10, 10, false);
const rng = new Rng(seed).fork('estimate').fork('run0');
const readings: number[] = [];
const result = await trainRun(factory, {}, host.critic(critic.id), critic.options, [task], s, rng, silentProgress.start('flo', steps), undefined, (c, objective, t) => {
  for (let j = 0; j < sets; j++) readings.push(heldOutEstimate(objective, c, t, s.heldOut, s.batch, rng.fork(j === 0 ? 'held-out0' : `held-out-extra${j}`)));
});
const train = result.values[0]!;
const mean = (a: readonly number[]) => a.reduce((x, v) => x + v, 0) / a.length;
console.log(JSON.stringify({ seed, steps, average, backend: backend.backend, critic: critic.id, training: +mean(train).toFixed(3), heldOutCli: result.heldOut[0], heldOutSets: readings.map((v) => +v.toFixed(3)), seconds: +result.seconds.toFixed(1) }));
