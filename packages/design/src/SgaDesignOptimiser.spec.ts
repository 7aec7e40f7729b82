import * as tf from '@tensorflow/tfjs';
import { BedError, PluginHost, Rng, selectBackend, type MiObjective } from '@infobed/core';
import critics from '@infobed/plugin-critics';
import linear from '@infobed/simulator-noisy-linear';
import { beforeAll, describe, expect, it } from 'vitest';
import { SgaDesignOptimiser } from './SgaDesignOptimiser.js';

let host: PluginHost;
beforeAll(async () => {
  await selectBackend('wasm');
  host = new PluginHost();
  [critics, linear].forEach((p) => host.use(p));
});

const settings = { steps: 20, finalCriticSteps: 5, batch: 16, lrCritic: 1e-3, lrDesign: 0.05, recordEvery: 5, evalBatches: 2 };

/** An objective that turns NaN after `after` calls (to exercise the numerical guard). */
class PoisonedObjective implements MiObjective {
  readonly id = 'poisoned';
  readonly type = 1 as const;
  private calls = 0;
  constructor(private readonly after: number) {}
  evaluate({ scores }: { scores: tf.Tensor2D }) {
    this.calls += 1;
    const bad = this.calls > this.after;
    return tf.tidy(() => {
      const v = tf.mean(scores) as tf.Scalar;
      const loss = (bad ? tf.mul(v, NaN) : v) as tf.Scalar;
      return { loss, mi: tf.neg(loss) as tf.Scalar };
    });
  }
}

describe('SgaDesignOptimiser', () => {
  it('keeps designs in their bounds and records history rows on schedule', async () => {
    const simulator = host.simulator('noisy-linear').create({ designs: 3 });
    const critic = host.critic('separable').create({ xDim: 2, yDim: 3, options: {}, seed: 1 });
    const run = await new SgaDesignOptimiser().run({ simulator, objective: new PoisonedObjective(1e9), critic }, { ...settings, lrDesign: 5 }, new Rng(0));
    expect(run.history.map((r) => r.step)).toEqual([5, 10, 15, 20, 25]);
    expect(run.history.at(-1)!.phase).toBe('critic');
    for (const r of run.history) for (const d of r.design) expect(Math.abs(d)).toBeLessThanOrEqual(2);
    critic.dispose();
  });

  it('is reproducible for a seed', async () => {
    const once = async () => {
      const simulator = host.simulator('noisy-linear').create({ designs: 2 });
      const critic = host.critic('separable').create({ xDim: 2, yDim: 2, options: {}, seed: 1 });
      const r = await new SgaDesignOptimiser().run({ simulator, objective: new PoisonedObjective(1e9), critic }, settings, new Rng(42));
      critic.dispose();
      return r.design;
    };
    expect(await once()).toEqual(await once());
  });

  it('stops with a numerical error carrying the last good state when the loss turns NaN', async () => {
    const simulator = host.simulator('noisy-linear').create({ designs: 2 });
    const critic = host.critic('separable').create({ xDim: 2, yDim: 2, options: {}, seed: 1 });
    try {
      await new SgaDesignOptimiser().run({ simulator, objective: new PoisonedObjective(12), critic }, settings, new Rng(0));
      expect.unreachable();
    } catch (e) {
      expect(BedError.is(e, 'numerical')).toBe(true);
      const cause = (e as BedError).cause as { lastGood: { step: number; design: number[] } };
      expect(cause.lastGood.step).toBe(10);
      expect(cause.lastGood.design.every(Number.isFinite)).toBe(true);
    }
    critic.dispose();
  });

  it('rejects an initial design outside the design space, naming the field', async () => {
    const simulator = host.simulator('noisy-linear').create({ designs: 2 });
    const critic = host.critic('separable').create({ xDim: 2, yDim: 2, options: {}, seed: 1 });
    await expect(
      new SgaDesignOptimiser().run({ simulator, objective: new PoisonedObjective(1e9), critic }, { ...settings, initialDesign: [0, 7] }, new Rng(0)),
    ).rejects.toThrow(/design\.initial\[1\]: 7 is outside/);
    critic.dispose();
  });
});
