import * as tf from '@tensorflow/tfjs';
import { PluginHost, Rng, selectBackend, silentProgress } from '@infobed/core';
import critics from '@infobed/plugin-critics';
import flo from '@infobed/plugin-estimator-flo';
import { GaussianTask } from '@infobed/plugin-tasks';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseEstimateSettings, settingsFor } from './EstimateSettings.js';
import { trainRun } from './trainRun.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** Flattened copy of every variable's values, in the critic's order. */
const flat = (vars: readonly tf.Variable[]): number[] => vars.flatMap((v) => Array.from(v.dataSync()));

describe('trainRun with emaDecay (tiny: shared critic, hidden [8], d = 2, 30 steps)', () => {
  it('reads the held-out estimate with the EMA of the weights, trains exactly as without it, and leaks no tensors', async () => {
    const host = new PluginHost();
    host.use(critics);
    host.use(flo);
    const task = new GaussianTask(2, 1, false);
    const base = { objectives: [{ id: 'flo' }], dim: 2, mi: [1], batch: 8, stepsPerStage: 30, average: 5, heldOut: 32, lr: 0.01 };
    const run = async (emaDecay?: number) => {
      const live: number[][] = [];
      let initial: number[] = [];
      let readOut: number[] = [];
      const s = parseEstimateSettings({ ...base, ...(emaDecay !== undefined ? { emaDecay } : {}) });
      const result = await trainRun(host.objective('flo'), {}, host.critic('shared'), { hidden: [8] }, [task], s, new Rng(4), silentProgress.start('t', 30), {
        start: (c) => (initial = flat(c.variables)),
        afterStep: (c) => live.push(flat(c.variables)),
        afterStage: (c) => (readOut = flat(c.variables)),
      });
      return { result, live, readOut, initial };
    };
    const before = tf.memory().numTensors;
    const plain = await run();
    const d = 0.8;
    const averaged = await run(d);
    expect(tf.memory().numTensors).toBe(before);
    // Training (weights and training-batch values) does not depend on the averaging.
    expect(averaged.live).toEqual(plain.live);
    expect(averaged.result.values).toEqual(plain.result.values);
    // Without it the read-out sees the last weights; with it, the EMA computed here in plain JS from
    // the initial weights: shadow_n = d_n·shadow + (1 − d_n)·w_n, d_n = min(d, (1 + n)/(10 + n)).
    expect(plain.readOut).toEqual(plain.live.at(-1));
    let shadow = averaged.initial;
    averaged.live.forEach((w, k) => {
      const dn = Math.min(d, (1 + k) / (10 + k));
      shadow = shadow.map((s, i) => dn * s + (1 - dn) * w[i]!);
    });
    const err = Math.max(...shadow.map((s, i) => Math.abs(s - averaged.readOut[i]!)));
    expect(err).toBeLessThan(1e-5);
    // The weights moved over the window, so the EMA is not the last weights and the estimate differs.
    expect(Math.max(...shadow.map((s, i) => Math.abs(s - averaged.live.at(-1)![i]!)))).toBeGreaterThan(1e-3);
    expect(averaged.result.heldOut[0]).not.toBe(plain.result.heldOut[0]);
    expect(Number.isFinite(averaged.result.heldOut[0])).toBe(true);
  });

  it('an objective entry sets its own emaDecay over the shared one; bad values name the field', () => {
    const s = parseEstimateSettings({ objectives: [{ id: 'flo', emaDecay: 0.99 }, { id: 'nwj' }], emaDecay: 0.9 });
    expect(settingsFor(s, s.objectives[0]!).emaDecay).toBe(0.99);
    expect(settingsFor(s, s.objectives[1]!).emaDecay).toBe(0.9);
    expect(settingsFor(parseEstimateSettings({ objectives: [{ id: 'nwj' }] }), { id: 'nwj', options: {} }).emaDecay).toBeUndefined();
    expect(() => parseEstimateSettings({ objectives: [{ id: 'flo', emaDecay: 1 }] })).toThrow(/estimate\.objectives\.0\.emaDecay/);
    expect(() => parseEstimateSettings({ objectives: [{ id: 'flo' }], emaDecay: 0 })).toThrow(/estimate\.emaDecay/);
  });
});
