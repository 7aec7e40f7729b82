import * as tf from '@tensorflow/tfjs';
import { PluginHost, Rng, selectBackend } from '@infobed/core';
import critics from '@infobed/plugin-critics';
import anchor from '@infobed/plugin-estimator-infonce-anchor';
import linear from '@infobed/simulator-noisy-linear';
import { beforeAll, describe, expect, it } from 'vitest';
import { DesignSectionSchema } from './DesignConfigSchema.js';
import { runRestarts } from './restartDesign.js';

let host: PluginHost;
beforeAll(async () => {
  await selectBackend('wasm');
  host = new PluginHost();
  [critics, anchor, linear].forEach((p) => host.use(p));
});

describe('design.restarts', () => {
  it('short starts from the config design and random designs; the best by the (closed-form) EIG continues with its critic; no leaks', async () => {
    const simulator = host.simulator('linear-gaussian').create({});
    const objective = host.objective('infonce-anchor').create({});
    const makeCritic = (seed: number) => host.critic('separable').create({ xDim: 2, yDim: 10, options: { hidden: [16], embed: 8 }, seed });
    const before = tf.memory().numTensors;
    const evaluate = { method: 'analytic' as const, outer: 10, inner: 10 };
    const r = await runRestarts({
      simulator,
      objective,
      makeCritic,
      settings: { steps: 999, finalCriticSteps: 99, batch: 32, lrCritic: 1e-3, lrDesign: 0.03, recordEvery: 10, evalBatches: 2, initialDesign: Array(10).fill(0) },
      restarts: 3,
      restartSteps: 20,
      evaluate,
      // Ground truth: the closed-form EIG of the linear-Gaussian model.
      score: (d) => ({ method: 'analytic', value: simulator.analyticEig!(d), stderr: 0 }),
      rng: new Rng(5),
    });
    expect(r.starts.map((s) => s.from)).toEqual(['config', 'random', 'random']);
    expect(r.starts[1]!.design).not.toEqual(r.starts[2]!.design);
    for (const s of r.starts) expect(s.eig!.value).toBe(simulator.analyticEig!(s.design));
    const values = r.starts.map((s) => s.eig!.value);
    expect(r.best).toBe(values.indexOf(Math.max(...values)));
    expect(r.design).toEqual(r.starts[r.best]!.design);
    // The config start sits at the worst design (all zeros) after 20 small steps; a random one beats it.
    expect(values[0]!).toBeLessThan(Math.max(values[1]!, values[2]!));
    expect(r.critic.variables.every((v) => !v.isDisposed)).toBe(true);
    r.critic.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the schema: restarts ≥ 1 (default 1, i.e. none), restartSteps optional', () => {
    expect(DesignSectionSchema.parse({}).restarts).toBe(1);
    expect(DesignSectionSchema.parse({ restarts: 4, restartSteps: 200 })).toMatchObject({ restarts: 4, restartSteps: 200 });
    expect(DesignSectionSchema.safeParse({ restarts: 0 }).success).toBe(false);
  });
});
