import * as tf from '@tensorflow/tfjs';
import { PluginHost, Rng, selectBackend } from '@infobed/core';
import critics from '@infobed/plugin-critics';
import anchor from '@infobed/plugin-estimator-infonce-anchor';
import linear from '@infobed/simulator-noisy-linear';
import { beforeAll, describe, expect, it } from 'vitest';
import { SgaDesignOptimiser } from './SgaDesignOptimiser.js';

let host: PluginHost;
beforeAll(async () => {
  await selectBackend('wasm');
  host = new PluginHost();
  [critics, anchor, linear].forEach((p) => host.use(p));
});

/**
 * Linear-Gaussian model, 10 designs in [−2, 2], prior 9I, noise variance 9: the closed-form EIG is
 * maximised by 5 designs at each end (3.0557 nats), and the InfoNCE bound the optimiser reports is a
 * lower bound in expectation. Tolerances: designs within 0.05 nats of the optimal EIG; the bound's
 * mean within 3 s.e. + 0.02 above the truth (it must not exceed it) and within 0.6 nats below it
 * (InfoNCE bias at B = 128 plus a short critic run).
 */
describe('SgaDesignOptimiser on the linear-Gaussian model', () => {
  it('reaches the analytic optimum and its bound approaches but does not exceed the closed-form EIG', async () => {
    const simulator = host.simulator('linear-gaussian').create({});
    const objective = host.objective('infonce-anchor').create({});
    const critic = host.critic('separable').create({ xDim: 2, yDim: 10, options: { hidden: [64, 64], embed: 32 }, seed: 3 });
    const before = tf.memory().numTensors;
    const run = await new SgaDesignOptimiser().run(
      { simulator, objective, critic },
      { steps: 1000, finalCriticSteps: 300, batch: 128, lrCritic: 1e-3, lrDesign: 0.03, recordEvery: 50, evalBatches: 20 },
      new Rng(1),
    );
    expect(tf.memory().numTensors).toBe(before); // no tensor leaks across the whole run
    const optimum = simulator.analyticEig!([...Array(5).fill(-2), ...Array(5).fill(2)]);
    expect(optimum).toBeCloseTo(3.0557, 3);
    const eig = simulator.analyticEig!(run.design);
    expect(eig).toBeGreaterThan(optimum - 0.05);
    expect(run.design.filter((d) => d < -1.9).length).toBeGreaterThanOrEqual(3);
    expect(run.design.filter((d) => d > 1.9).length).toBeGreaterThanOrEqual(3);
    expect(run.final.bound).toBeLessThanOrEqual(eig + 3 * run.final.boundStderr + 0.02);
    expect(run.final.bound).toBeGreaterThan(eig - 0.6);
    expect(run.history.at(-1)!.step).toBe(1300);
    critic.dispose();
  });
});
