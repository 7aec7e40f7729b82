/**
 * Diagnostic (issue 15): trains FLO's default critic exactly as
 * `infobed estimate --config configs/estimate-gaussian.yaml --objective flo --seed <seed>` does
 * (same streams: `Rng(seed).fork('estimate').fork('run0')`, d = 10, a fresh start at 10 nats, Adam
 * `--lr`, `--schedule`, B = `--batch`), and reads the held-out estimate of the trained critic on `--sets`
 * independent held-out sets of 10,000 pairs, at the steps `--read-at` (default: the last), with the
 * live weights and with exponential moving averages of them (`--ema`, decays; `WeightAverage`, the
 * config's `emaDecay`). Set 0 uses the CLI's stream (`held-out0`), so at the last step it equals the
 * CLI's held-out value of the same variant; sets 1… use streams `held-out-extra<j>`. Read-outs do
 * not change training. Separates critic quality from held-out noise. Usage (from packages/estimate):
 *   npx tsx scripts/floHeldOutSets.ts --seed 3 [--steps 3000] [--average 1000] [--sets 5]
 *     [--read-at 3000,5000] [--ema 0.99,0.999] [--lr 1e-4] [--schedule constant|cosine] [--batch 64]
 * Prints one JSON line per read-out step and weight variant, then one summary line.
 */
import { parseArgs } from 'node:util';
import { criticFor, PluginHost, Rng, selectBackend, silentProgress, type Critic, type MiObjective, type MiTask } from '@infobed/core';
import { WeightAverage } from '@infobed/nn';
import critics from '@infobed/plugin-critics';
import flo from '@infobed/plugin-estimator-flo';
import { GaussianTask } from '@infobed/plugin-tasks';
import { parseEstimateSettings } from '../src/EstimateSettings.js';
import { heldOutEstimate } from '../src/heldOutEstimate.js';
import { trainRun } from '../src/trainRun.js';

const { values: a } = parseArgs({
  options: {
    seed: { type: 'string', default: '3' },
    steps: { type: 'string', default: '3000' },
    average: { type: 'string', default: '1000' },
    sets: { type: 'string', default: '5' },
    'read-at': { type: 'string' },
    ema: { type: 'string', default: '' },
    lr: { type: 'string', default: '1e-4' },
    schedule: { type: 'string', default: 'constant' },
    batch: { type: 'string', default: '64' },
  },
});
const list = (v: string | undefined): number[] => (v ?? '').split(',').filter(Boolean).map(Number);
const [seed, steps, average, sets, lr, batch] = [a.seed, a.steps, a.average, a.sets, a.lr, a.batch].map(Number) as [number, number, number, number, number, number];
const readAt = new Set(a['read-at'] ? list(a['read-at']) : [steps]);
const decays = list(a.ema);
const backend = await selectBackend('auto');
const host = new PluginHost();
host.use(critics);
host.use(flo);
const factory = host.objective('flo');
const critic = criticFor(factory, undefined, { id: 'separable' });
const s = parseEstimateSettings({ objectives: [{ id: 'flo' }], dim: 10, mi: [10], batch, stepsPerStage: steps, average, lr, lrSchedule: a.schedule, heldOut: 10000 });
const task = new GaussianTask(10, 10, false);
const rng = new Rng(seed).fork('estimate').fork('run0');
const mean = (v: readonly number[]) => v.reduce((x, y) => x + y, 0) / v.length;
const sd = (v: readonly number[]) => Math.sqrt(v.reduce((x, y) => x + (y - mean(v)) ** 2, 0) / Math.max(1, v.length - 1));
let averages: WeightAverage[] = [];
const t0 = performance.now();
const readings: Record<string, number[]> = {};
const readOut = (c: Critic, objective: MiObjective, t: MiTask, step: number, variant: string): void => {
  const r: number[] = [];
  for (let j = 0; j < sets; j++) r.push(heldOutEstimate(objective, c, t, s.heldOut, s.batch, rng.fork(j === 0 ? 'held-out0' : `held-out-extra${j}`)));
  readings[`${step} ${variant}`] = r;
  console.log(JSON.stringify({ seed, step, variant, heldOutSets: r.map((v) => +v.toFixed(3)), mean: +mean(r).toFixed(3), sd: +sd(r).toFixed(3), elapsed: +((performance.now() - t0) / 1000).toFixed(1) }));
};
const result = await trainRun(factory, {}, host.critic(critic.id), critic.options, [task], s, rng, silentProgress.start('flo', steps), {
  start: (c) => (averages = decays.map((d) => new WeightAverage(c.variables, d))),
  afterStep: (c, step, objective, t) => {
    averages.forEach((w) => w.update());
    if (!readAt.has(step)) return;
    readOut(c, objective, t, step, 'live');
    averages.forEach((w) => w.withAveraged(() => readOut(c, objective, t, step, `ema ${w.decay}`)));
  },
});
averages.forEach((w) => w.dispose());
const train = result.values[0]!;
// Training-batch estimate over the `average` steps before each read-out step, from the training
// curve (block means of equal blocks of `traceEvery` steps; the last read-out step = result.values).
for (const step of [...readAt].sort((x, y) => x - y)) {
  const blocks = result.trace.filter((p) => p.step > step - average && p.step <= step);
  console.log(JSON.stringify({ seed, step, training: +mean(blocks.map((p) => p.mi)).toFixed(3), blocks: blocks.length }));
}
console.log(JSON.stringify({ seed, steps, average, lr, schedule: s.lrSchedule, batch, backend: backend.backend, critic: critic.id, training: +mean(train).toFixed(3), heldOutCli: result.heldOut[0], seconds: +result.seconds.toFixed(1) }));
