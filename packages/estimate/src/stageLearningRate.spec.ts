import * as tf from '@tensorflow/tfjs';
import { PluginHost, Rng, selectBackend, silentProgress } from '@infobed/core';
import critics from '@infobed/plugin-critics';
import flo from '@infobed/plugin-estimator-flo';
import { GaussianTask } from '@infobed/plugin-tasks';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseEstimateSettings } from './EstimateSettings.js';
import { stageLearningRate } from './stageLearningRate.js';
import { trainRun } from './trainRun.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe(stageLearningRate, () => {
  it('constant keeps lr; cosine goes lr → lr/2 at mid-stage → towards 0 at the last step', () => {
    const s = { lr: 0.01, stepsPerStage: 100 };
    expect([0, 50, 99].map((k) => stageLearningRate({ ...s, lrSchedule: 'constant' }, k))).toEqual([0.01, 0.01, 0.01]);
    const c = (k: number) => stageLearningRate({ ...s, lrSchedule: 'cosine' }, k);
    expect(c(0)).toBe(0.01);
    expect(c(50)).toBeCloseTo(0.005, 12);
    expect(c(99)).toBeCloseTo(0.005 * (1 + Math.cos((99 * Math.PI) / 100)), 15);
    expect(c(99)).toBeLessThan(3e-5);
    expect(parseEstimateSettings({ objectives: [{ id: 'flo' }] }).lrSchedule).toBe('constant');
  });

  it('trainRun applies it: the same first step, then Adam steps shrink to ~0 by the end of the stage', async () => {
    const host = new PluginHost();
    host.use(critics);
    host.use(flo);
    const lr = 0.01;
    const run = async (lrSchedule: 'constant' | 'cosine') => {
      const w: number[][] = [];
      const s = parseEstimateSettings({ objectives: [{ id: 'flo' }], dim: 2, mi: [1], batch: 8, stepsPerStage: 30, average: 5, heldOut: 0, lr, lrSchedule });
      await trainRun(host.objective('flo'), {}, host.critic('shared'), { hidden: [8] }, [new GaussianTask(2, 1, false)], s, new Rng(2), silentProgress.start('t', 30), {
        afterStep: (c) => w.push(c.variables.flatMap((v) => Array.from(v.dataSync()))),
      });
      const lastStep = Math.max(...w.at(-1)!.map((v, i) => Math.abs(v - w.at(-2)![i]!)));
      return { first: w[0]!, lastStep };
    };
    const before = tf.memory().numTensors;
    const [constant, cosine] = [await run('constant'), await run('cosine')];
    expect(tf.memory().numTensors).toBe(before);
    expect(cosine.first).toEqual(constant.first);
    // Adam moves a weight by ≈ lr·m̂/√v̂ (|m̂/√v̂| ≲ 1 for steady gradients); at k = 29 of 30 the
    // cosine lr is 0.0027·lr.
    expect(constant.lastStep).toBeGreaterThan(0.2 * lr);
    expect(cosine.lastStep).toBeLessThan(0.02 * lr);
  });
});
