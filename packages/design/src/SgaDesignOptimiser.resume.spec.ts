import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { BedError, Checkpointer, InterruptFlag, PluginHost, readCheckpoint, Rng, selectBackend, type DesignRecord, type Simulator } from '@infobed/core';
import bounds from '@infobed/plugin-estimator-bounds';
import critics from '@infobed/plugin-critics';
import linear from '@infobed/simulator-noisy-linear';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SgaDesignOptimiser } from './SgaDesignOptimiser.js';

let host: PluginHost;
const dir = mkdtempSync(join(tmpdir(), 'infobed-sga-resume-'));
beforeAll(async () => {
  await selectBackend('wasm');
  host = new PluginHost();
  [critics, linear, bounds].forEach((p) => host.use(p));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const settings = { steps: 40, finalCriticSteps: 10, batch: 16, lrCritic: 1e-3, lrDesign: 0.05, recordEvery: 5, evalBatches: 2 };

/** One optimisation of the noisy-linear model with MINE (a stateful objective); `stopAt` interrupts after that record step. */
async function run(file: string, o: { stopAt?: number; resume?: boolean; scoreFunction?: boolean }) {
  const linearSim = host.simulator('noisy-linear').create({ designs: 3 });
  // The score-function path (discrete simulators) keeps a baseline that must survive the checkpoint too.
  const simulator: Simulator = o.scoreFunction ? Object.assign(Object.create(linearSim) as Simulator, { designGradient: 'score-function' as const }) : linearSim;
  const critic = host.critic('separable').create({ xDim: 2, yDim: 3, options: { hidden: [16], embed: 8 }, seed: 1 });
  const objective = host.objective('mine').create({});
  const interrupt = new InterruptFlag();
  const checkpointer = new Checkpointer({ file, every: 15, component: 'design', runDir: dir, interrupt });
  const onRecord = (r: DesignRecord) => {
    if (r.step === o.stopAt) interrupt.request('SIGINT');
  };
  try {
    return await new SgaDesignOptimiser().run({ simulator, objective, critic }, settings, new Rng(5), {
      checkpointer,
      onRecord,
      ...(o.resume ? { resume: readCheckpoint(file, 'design') } : {}),
    });
  } finally {
    critic.dispose();
  }
}

describe('SgaDesignOptimiser checkpoints', () => {
  it.each([
    [5, false],
    [15, false],
    [40, false],
    [50, false],
    [15, true],
  ])('an interruption after step %i, then a resume, ends exactly like an uninterrupted run (score-function gradient: %s)', async (stopAt, scoreFunction) => {
    const before = tf.memory().numTensors;
    const whole = await run(join(dir, 'whole.ibck'), { scoreFunction });
    const file = join(dir, `cut${stopAt}${scoreFunction ? 'sf' : ''}.ibck`);
    const err = await run(file, { stopAt, scoreFunction }).catch((e: unknown) => e);
    expect(BedError.is(err, 'interrupted')).toBe(true);
    expect((err as Error).message).toMatch(new RegExp(`interrupted by SIGINT after step ${stopAt}; checkpoint saved, continue with --resume`));
    expect(readCheckpoint(file).step).toBe(stopAt);
    const resumed = await run(file, { resume: true, scoreFunction });
    expect(resumed.history).toEqual(whole.history);
    expect(resumed.design).toEqual(whole.design);
    expect(resumed.final).toEqual(whole.final);
    expect(tf.memory().numTensors).toBe(before);
  });
});
