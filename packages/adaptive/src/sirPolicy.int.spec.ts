import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BedError, processInterrupt, readYaml, Rng, selectBackend, sequentialFromStatic, type ProgressReporter } from '@infobed/core';
import { resolveConfigWithPresets } from '@infobed/design';
import sirPlugin, { EpidemicSimulator } from '@infobed/simulator-sir';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdaptiveConfigSchema } from './AdaptiveConfigSchema.js';
import { buildPolicy } from './buildAdaptive.js';
import { evaluateWithFreshCritic } from './freshCriticEvaluation.js';
import { nextDesign } from './policyNext.js';
import { runPolicyTrain } from './runPolicyTrain.js';
import { simulateRollouts } from './rollout.js';
import { testHost } from './testHost.js';
import { trainPolicy } from './trainPolicy.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const host = testHost();
// iDAD's sequential SIR (N = 500, I₀ = 2, T = 5, increasing times, noiseless y = I(τ)), small bank;
// y reported in units of 100 people (an invertible rescaling: the MI is unchanged).
const seq = sequentialFromStatic(new EpidemicSimulator('sir', { T: 5, paths: 2000, obsScale: 100, bankSeed: 1 }));
const critic = (xDim: number, yDim: number, seed: number) => host.critic('separable').create({ xDim, yDim, options: { hidden: [64], embed: 16 }, seed });
const fresh = { rollouts: 9216, steps: 300, batch: 256, lr: 2e-3, negatives: 4096, evalBatch: 256, critic, objective: host.objective('infonce').create({}) };

describe('SIR, T = 5: LSTM policy (iDAD sizes) + history critic (InfoNCE) → fresh-critic evaluation → next design', () => {
  it('trains, rolls out increasing times, scores policies with a new critic, and proposes the next time', async () => {
    const policy = buildPolicy(host, { id: 'lstm', options: {} }, seq, 0, 'test'); // iDAD's sizes: MLP → 32, 2 × LSTM(32)
    const trainCritic = critic(2, 10, 7);
    const before = tf.memory().numTensors;
    const r = await trainPolicy(policy, seq, { kind: 'critic', objective: host.objective('infonce').create({}), critic: trainCritic, lrCritic: 3e-3 }, { steps: 30, batch: 64, lr: 1e-3, recordEvery: 10 }, new Rng(0));
    expect(tf.memory().numTensors).toBe(before);
    trainCritic.dispose();
    expect(r.history.every((h) => Number.isFinite(h.bound) && h.bound <= Math.log(64) + 1e-6)).toBe(true);

    // Rollouts: times strictly increase inside (0.01, 99.99).
    const times = tf.tidy(() => simulateRollouts(policy, seq, seq.samplePrior(16, new Rng(1)), new Rng(2)).designs.map((d) => Array.from(d.dataSync())));
    for (let i = 0; i < 16; i++) {
      for (let t = 0; t < 5; t++) {
        expect(times[t]![i]!).toBeGreaterThan(t === 0 ? 0.01 : times[t - 1]![i]!);
        expect(times[t]![i]!).toBeLessThan(99.99);
      }
    }

    // Fresh critic on new rollouts: the trained policy, equal-interval times and a design that
    // measures only in the first 0.06 days (I ≈ I₀ = 2 whatever θ: almost no information).
    const equal = buildPolicy(host, { id: 'equal-interval', options: {} }, seq, 0, 'test');
    const early = buildPolicy(host, { id: 'equal-interval', options: { from: 0.02, to: 0.06 } }, seq, 0, 'test');
    const ev = evaluateWithFreshCritic([{ name: 'lstm', policy }, { name: 'equal-interval', policy: equal }, { name: 'early', policy: early }], seq, fresh, new Rng(3));
    const [g, e, z] = ev;
    for (const x of ev) {
      expect(x.negatives).toBe(4096);
      expect(x.evalBatches).toBe(18);
      expect(x.infonce.mean).toBeLessThan(Math.log(4097));
    }
    // Early measurements carry (almost) nothing; ten days apart they carry nats.
    expect(Math.abs(z!.infonce.mean)).toBeLessThan(0.1);
    expect(e!.infonce.mean).toBeGreaterThan(z!.infonce.mean + 1);
    expect(g!.infonce.mean).toBeGreaterThan(z!.infonce.mean);

    // Next design after two measurements: later than the last one.
    const next = nextDesign(policy, seq, { designs: [[10], [25]], observations: [[0.3], [1.2]] });
    expect(next.t).toBe(3);
    expect(next.design[0]!).toBeGreaterThan(25);
    expect(next.design[0]!).toBeLessThan(99.99);
    for (const p of [policy, equal, early]) p.dispose();
  });
});

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** Progress that requests an interruption when training reports `at` steps. */
const interruptAt = (at: number): ProgressReporter => ({
  start: () => ({ update: (done) => { if (done === at) processInterrupt.request('SIGINT (test)'); }, stop: () => undefined }),
  log: () => undefined,
});

describe('policy train on SIR (configs/sir-adaptive.yaml, ci): interruption and --resume', () => {
  it('resumes with the bank-refresh state, and ends with the result of an uninterrupted run', async () => {
    // ci: 20 steps, a new bank every 10 prior draws; the interruption falls after the first refresh.
    const config = resolveConfigWithPresets(AdaptiveConfigSchema, readYaml(join(root, 'configs/sir-adaptive.yaml')), 'sir', 'ci', { baselines: [{ id: 'equal-interval', options: {} }] });
    const h = testHost();
    h.use(sirPlugin);
    const full = mkdtempSync(join(tmpdir(), 'infobed-sir-full-'));
    const a = await runPolicyTrain({ host: h, config, outDir: full, backend: 'wasm', plots: false, checkpoint: { every: 0 } });
    const cut = mkdtempSync(join(tmpdir(), 'infobed-sir-cut-'));
    try {
      await runPolicyTrain({ host: h, config, outDir: cut, backend: 'wasm', plots: false, checkpoint: { every: 0 }, progress: interruptAt(15) });
      expect.unreachable();
    } catch (e) {
      expect(BedError.is(e, 'interrupted'), String(e)).toBe(true);
    } finally {
      processInterrupt.clear();
    }
    const b = await runPolicyTrain({ host: h, config, outDir: cut, backend: 'wasm', plots: false, checkpoint: { every: 0 }, resume: true });
    const strip = (r: typeof a) => ({
      ...r,
      trainSeconds: 0,
      stepsPerSecond: 0,
      freshCritic: { ...r.freshCritic!, results: r.freshCritic!.results.map((e) => ({ ...e, seconds: 0 })) },
      posterior: { ...r.posterior!, critic: { ...r.posterior!.critic, seconds: 0 } }, // ci trains the posterior critic too
    });
    expect(strip(b)).toEqual(strip(a));
    expect(readFileSync(join(cut, 'policy', 'policy.json'), 'utf8')).toBe(readFileSync(join(full, 'policy', 'policy.json'), 'utf8'));
  });
});
