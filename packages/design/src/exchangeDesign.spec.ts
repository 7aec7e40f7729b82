import * as tf from '@tensorflow/tfjs';
import { PluginHost, Rng, selectBackend, silentProgress } from '@infobed/core';
import critics from '@infobed/plugin-critics';
import anchor from '@infobed/plugin-estimator-infonce-anchor';
import linear from '@infobed/simulator-noisy-linear';
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DesignConfigSchema, DesignSectionSchema } from './DesignConfigSchema.js';
import { exchangeCandidates, exchangeCheck } from './exchangeDesign.js';
import { runDesign } from './runDesign.js';
import { SgaDesignOptimiser } from './SgaDesignOptimiser.js';

let host: PluginHost;
beforeAll(async () => {
  await selectBackend('wasm');
  host = new PluginHost();
  [critics, anchor, linear].forEach((p) => host.use(p));
});

const evaluate = { method: 'spce' as const, outer: 10, inner: 10 };

describe('design.exchangeAt', () => {
  it('candidates: every design with one coordinate moved onto another, no duplicates, not the design itself', () => {
    const c = exchangeCandidates([1, 2, 3]);
    expect(c).toEqual([[2, 2, 3], [3, 2, 3], [1, 1, 3], [1, 3, 3], [1, 2, 1], [1, 2, 2]]);
    // Two equal coordinates: moving one onto the other is the design itself; the rest appear once.
    const d = exchangeCandidates([5, 5, 9]);
    expect(d).toEqual([[9, 5, 9], [5, 9, 9], [5, 5, 5]]);
  });

  it('jumps to the best candidate only when it scores higher, all on the same draws', () => {
    // A score whose optimum has replicated points (two at 0, one at 1): ground truth by hand.
    const target = [0, 0, 1];
    const seeds: number[] = [];
    const score = (d: readonly number[], _e: unknown, rng: Rng) => {
      seeds.push(rng.seed);
      return { method: 'spce' as const, value: -d.reduce((a, v, i) => a + (v - target[i]!) ** 2, 0), stderr: 0 };
    };
    const r = exchangeCheck(7, [0, 0.9, 1], score, evaluate, new Rng(1))!;
    expect(r).toMatchObject({ step: 7, from: [0, 0.9, 1], to: [0, 0, 1], accepted: true, candidates: 6 });
    expect(r.toEig).toBeCloseTo(0, 12);
    expect(r.fromEig).toBeCloseTo(-0.81, 12);
    expect(new Set(seeds).size).toBe(1); // common random numbers
    const kept = exchangeCheck(8, [0, 0, 1], score, evaluate, new Rng(1))!;
    expect(kept.accepted).toBe(false);
    expect(exchangeCheck(9, [0, 1, 2], () => undefined, evaluate, new Rng(1))).toBeUndefined();
  });

  it("the optimiser's jump hook replaces the design after the step it names; no leaks", async () => {
    const simulator = host.simulator('linear-gaussian').create({});
    const objective = host.objective('infonce-anchor').create({});
    const before = tf.memory().numTensors;
    const critic = host.critic('separable').create({ xDim: 2, yDim: 10, options: { hidden: [8], embed: 4 }, seed: 3 });
    const target = [-2, -2, -2, -2, -2, 2, 2, 2, 2, 2];
    const calls: number[] = [];
    const run = await new SgaDesignOptimiser().run(
      { simulator, objective, critic },
      { steps: 10, finalCriticSteps: 2, batch: 16, lrCritic: 1e-3, lrDesign: 1e-6, recordEvery: 1, evalBatches: 1, initialDesign: Array(10).fill(0.5) },
      new Rng(2),
      { jump: (step) => (calls.push(step), step === 4 ? target : undefined) },
    );
    expect(calls).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]); // joint steps only
    const at = (s: number) => run.history.find((h) => h.step === s)!.design;
    // Step 4's row is recorded before its jump; from step 5 on the design is the target (lrDesign ≈ 0).
    expect(at(4).every((v) => Math.abs(v - 0.5) < 1e-3)).toBe(true);
    at(5).forEach((v, i) => expect(v).toBeCloseTo(target[i]!, 3));
    run.design.forEach((v, i) => expect(v).toBeCloseTo(target[i]!, 3));
    critic.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('runDesign: checks at the listed steps, jumps by the closed-form EIG, records them in result.json; skips a step after the run', async () => {
    const design = { steps: 12, finalCriticSteps: 0, batch: 16, lrDesign: 1e-6, recordEvery: 4, evalBatches: 1, exchangeAt: [4] };
    // One location off the optimum (5 × −2, 5 × +2): moving it onto +2 raises the closed-form EIG.
    const initial = [-2, -2, -2, -2, -2, 2, 2, 2, 2, 0];
    const config = DesignConfigSchema.parse({ simulator: { id: 'linear-gaussian' }, critic: { options: { hidden: [8], embed: 4 } }, design: { ...design, initial }, evaluate: { method: 'analytic' } });
    const r = await runDesign({ host, config, outDir: mkdtempSync(join(tmpdir(), 'infobed-exchange-')), backend: 'wasm', plots: false });
    expect(r.exchanges).toHaveLength(1);
    const [x] = r.exchanges!;
    // lrDesign ≈ 0 still moves the points by ~1e-6 (those at ±2 stay clipped): up to 10 × 9 distinct moves.
    expect(x).toMatchObject({ step: 4, accepted: true });
    expect(x!.candidates).toBeGreaterThanOrEqual(20);
    expect(x!.candidates).toBeLessThanOrEqual(90);
    [-2, -2, -2, -2, -2, 2, 2, 2, 2, 2].forEach((v, i) => expect(x!.to[i]).toBeCloseTo(v, 4));
    const sim = host.simulator('linear-gaussian').create({});
    expect(x!.toEig).toBeCloseTo(sim.analyticEig!(x!.to), 12);
    expect(x!.toEig).toBeGreaterThan(x!.fromEig);
    r.design.forEach((v, i) => expect(v).toBeCloseTo(x!.to[i]!, 3));
    // A check after the last joint step (a shorter `--steps` run) is skipped with a log line.
    const late = DesignConfigSchema.parse({ ...config, design: { ...config.design, exchangeAt: [13] } });
    const lines: string[] = [];
    const progress = { ...silentProgress, log: (m: string) => void lines.push(m) };
    const skipped = await runDesign({ host, config: late, outDir: mkdtempSync(join(tmpdir(), 'infobed-exchange-')), backend: 'wasm', plots: false, progress });
    expect(skipped.exchanges).toEqual([]);
    expect(lines.some((m) => /design\.exchangeAt: step 13 after the last joint step \(design\.steps = 12\): skipped/.test(m))).toBe(true);
  });

  it('the schema: exchangeAt defaults to none and takes positive steps', () => {
    expect(DesignSectionSchema.parse({}).exchangeAt).toEqual([]);
    expect(DesignSectionSchema.parse({ exchangeAt: [600, 1200] }).exchangeAt).toEqual([600, 1200]);
    expect(DesignSectionSchema.safeParse({ exchangeAt: [0] }).success).toBe(false);
  });
});
