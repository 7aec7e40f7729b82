import * as tf from '@tensorflow/tfjs';
import { infoNceBound, PluginHost, Rng, selectBackend, silentProgress, TOKENS, type InfobedPlugin, type MiObjective, type ObjectiveFactory } from '@infobed/core';
import critics from '@infobed/plugin-critics';
import bounds from '@infobed/plugin-estimator-bounds';
import { ContainerModule } from 'inversify';
import { beforeAll, describe, expect, it } from 'vitest';
import { benchmarkTable } from './benchmarkTable.js';
import { runEstimate } from './runEstimate.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** InfoNCE whose second created instance (= the second run) reports NaN from its third step on. */
function flakyPlugin(): InfobedPlugin {
  let created = 0;
  const factory: ObjectiveFactory = {
    id: 'flaky',
    description: 'test: diverges on run 2',
    type: 1,
    reports: 'bound',
    create: () => {
      const nanRun = ++created === 2;
      let calls = 0;
      const objective: MiObjective = {
        id: 'flaky',
        type: 1,
        evaluate: ({ scores }) => {
          const bad = nanRun && ++calls > 2;
          const mi = tf.tidy(() => (bad ? tf.add(infoNceBound(scores), Number.NaN) : infoNceBound(scores)) as tf.Scalar);
          return { mi, loss: tf.neg(mi) as tf.Scalar };
        },
      };
      return objective;
    },
  };
  return {
    meta: { name: 'flaky-test-plugin', version: '0.0.0', apiVersion: 1 },
    provides: { estimators: ['flaky'] },
    module: new ContainerModule(({ bind }) => {
      bind<ObjectiveFactory>(TOKENS.ObjectiveFactory).toConstantValue(factory);
    }),
  };
}

const host = (): PluginHost => {
  const h = new PluginHost();
  h.use(critics);
  h.use(bounds);
  h.use(flakyPlugin());
  return h;
};

const settings = {
  objectives: [{ id: 'flaky' }],
  critic: { id: 'separable', options: { hidden: [8], embed: 4 } },
  dim: 2,
  mi: [1],
  batch: 8,
  stepsPerStage: 5,
  average: 2,
  runs: 3,
  heldOut: 16,
};

describe('diverged runs', () => {
  it('are counted per row; the statistics come from the other runs; the table names them', async () => {
    const before = tf.memory().numTensors;
    const [row] = await runEstimate(host(), { ...settings, onDiverge: 'report' }, new Rng(0), silentProgress);
    expect(tf.memory().numTensors).toBe(before);
    expect(row).toMatchObject({ runs: 3, diverged: 1, error: expect.stringMatching(/flaky: mi is NaN at step 3/) });
    expect(Number.isFinite(row!.estimate) && Number.isFinite(row!.heldOut)).toBe(true);
    // Two finite runs of InfoNCE at B = 8: held-out ≤ log 8, and an sd over the two runs.
    expect(row!.heldOut).toBeLessThanOrEqual(Math.log(8) + 1e-5);
    expect(row!.heldOutSd).toBeGreaterThan(0);
    expect(benchmarkTable([row!])).toContain(`${row!.heldOut.toFixed(2)} ± ${row!.heldOutSd.toFixed(2)} (1/3 diverged)`);
  });

  it('the rows are the same whichever onDiverge is set (the CLI decides the exit code)', async () => {
    const [fail] = await runEstimate(host(), settings, new Rng(0), silentProgress);
    const [report] = await runEstimate(host(), { ...settings, onDiverge: 'report' }, new Rng(0), silentProgress);
    expect({ ...fail, seconds: 0, stepsPerSecond: 0 }).toEqual({ ...report, seconds: 0, stepsPerSecond: 0 });
  });
});
