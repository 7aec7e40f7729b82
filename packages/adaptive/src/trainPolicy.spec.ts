import * as tf from '@tensorflow/tfjs';
import { Rng, selectBackend } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPolicy } from './buildAdaptive.js';
import { historyRows, simulateRollouts, spceTerms } from './rollout.js';
import { testHost, testSequential } from './testHost.js';
import { smoothedBound, trainPolicy } from './trainPolicy.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const host = testHost();

describe('gradients reach the policy weights (finite differences)', () => {
  const small = { encoding: 8, encoderHidden: [8], emitterHidden: [8] };
  it.each([
    ['deepsets', small],
    ['gru', { ...small, width: 8 }],
    ['gru', { ...small, width: 8, layers: 2 }], // FLO's stacked RNN, at test size
    ['lstm', { ...small, width: 8 }],
  ])('%s %j on location finding: autodiff sPCE gradient = central differences', (id, options) => {
    const seq = testSequential(host, 'location-finding', { T: 3 });
    const policy = buildPolicy(host, { id, options }, seq, 4, 'test');
    const theta = seq.samplePrior(16, new Rng(1));
    const contrast = seq.samplePrior(64, new Rng(2));
    // Same noise for every evaluation: a fresh Rng with the same seed.
    const objective = () => tf.tidy(() => tf.mean(spceTerms(seq, simulateRollouts(policy, seq, theta, new Rng(3)), contrast)) as tf.Scalar);
    const vars = policy.variables;
    const { grads } = tf.variableGrads(objective, vars as tf.Variable[]);
    let checked = 0;
    // The first layer's weights (the encoder, reached only through later designs) and the emitter's last bias (the first design).
    for (const v of [vars[0]!, vars.at(-1)!]) {
      const g = grads[v.name]!.dataSync();
      const vals = v.dataSync().slice();
      const idx = Array.from(g).map((x, i) => [Math.abs(x), i] as const).sort((a, b) => b[0] - a[0]).slice(0, 2).map(([, i]) => i);
      for (const i of idx) {
        const at = (delta: number): number => {
          const w = vals.slice();
          w[i] = w[i]! + delta;
          v.assign(tf.tensor(w, v.shape));
          return objective().dataSync()[0]!;
        };
        const h = 1e-3; // the first design sits on a sharply curved log-intensity: larger steps see the curvature
        const fd = (at(h) - at(-h)) / (2 * h);
        v.assign(tf.tensor(vals, v.shape));
        expect(Math.abs(g[i]!)).toBeGreaterThan(1e-4); // a gradient does arrive
        expect(Math.abs(fd - g[i]!)).toBeLessThan(0.05 * Math.abs(g[i]!) + 2e-3);
        checked++;
      }
    }
    expect(checked).toBe(4);
    tf.dispose([theta, contrast, ...Object.values(grads)]);
    policy.dispose();
  });
});

describe(trainPolicy, () => {
  it('sPCE training of the static baseline raises the bound and leaks no tensors', async () => {
    const seq = testSequential(host, 'location-finding', { T: 3 });
    const policy = buildPolicy(host, { id: 'static', options: { initial: [[4, 4], [4.2, 4], [4, 4.2]] } }, seq, 0, 'test');
    const before = tf.memory().numTensors;
    const r = await trainPolicy(policy, seq, { kind: 'spce', contrastive: 127 }, { steps: 60, batch: 64, lr: 0.1, recordEvery: 10 }, new Rng(0));
    expect(tf.memory().numTensors).toBe(before);
    expect(r.history).toHaveLength(6);
    // Starting far from the prior mass (|ξ| ≈ 5.7), the points move in and the bound rises.
    expect(r.history.at(-1)!.bound).toBeGreaterThan(r.history[0]!.bound + 0.3);
    policy.dispose();
  });

  it('the critic path trains a policy with an MI objective of the project (InfoNCE, separable critic)', async () => {
    const seq = testSequential(host, 'location-finding', { T: 2 });
    const policy = buildPolicy(host, { id: 'deepsets', options: { encoding: 16, encoderHidden: [32], emitterHidden: [32] } }, seq, 1, 'test');
    const objective = host.objective('infonce').create({});
    const critic = host.critic('separable').create({ xDim: 4, yDim: 2 * 3, options: { hidden: [32], embed: 16 }, seed: 2 });
    const before = tf.memory().numTensors;
    const r = await trainPolicy(policy, seq, { kind: 'critic', objective, critic, lrCritic: 3e-3 }, { steps: 40, batch: 64, lr: 1e-3, recordEvery: 10 }, new Rng(0));
    expect(tf.memory().numTensors).toBe(before);
    expect(r.history.every((h) => Number.isFinite(h.bound) && h.bound <= Math.log(64) + 1e-6)).toBe(true);
    expect(r.history.at(-1)!.bound).toBeGreaterThan(r.history[0]!.bound); // the critic learns
    const rows = tf.tidy(() => historyRows(simulateRollouts(policy, seq, seq.samplePrior(5, new Rng(1)), new Rng(2))).shape);
    expect(rows).toEqual([5, 6]);
    critic.dispose();
    policy.dispose();
  });

  const staticAt = (initial: number[][]) => buildPolicy(host, { id: 'static', options: { initial } }, testSequential(host, 'location-finding', { T: 3 }), 0, 'test');
  const weights = (p: { variables: readonly tf.Variable[] }): number[] => p.variables.flatMap((v) => Array.from(v.dataSync()));

  it('keep-best restores the weights of the best smoothed record step (= a shorter run to that step)', async () => {
    const seq = testSequential(host, 'location-finding', { T: 3 });
    const init = [[0.1, 0], [0, 0.1], [-0.1, 0]];
    // A large lr makes the points jump around: the bound is not monotone, the best step is not the last.
    const settings = { steps: 80, batch: 32, lr: 1, recordEvery: 5 };
    const a = staticAt(init);
    const before = tf.memory().numTensors;
    const r = await trainPolicy(a, seq, { kind: 'spce', contrastive: 63 }, { ...settings, keepBest: 2 }, new Rng(4));
    expect(tf.memory().numTensors).toBe(before);
    const sm = r.history.map((_, i) => smoothedBound(r.history.slice(0, i + 1), 2));
    const arg = sm.indexOf(Math.max(...sm));
    expect(r.best!.step).toBe(r.history[arg]!.step);
    expect(r.best!.smoothedBound).toBeCloseTo(sm[arg]!, 10);
    expect(r.best!.step).toBeLessThan(80);
    expect(r.best!.restored).toBe(true);
    const b = staticAt(init); // same seed, stopped at the best step
    await trainPolicy(b, seq, { kind: 'spce', contrastive: 63 }, { ...settings, steps: r.best!.step }, new Rng(4));
    const c = staticAt(init); // same seed, all steps, no keep-best
    await trainPolicy(c, seq, { kind: 'spce', contrastive: 63 }, settings, new Rng(4));
    const [wa, wb, wc] = [weights(a), weights(b), weights(c)];
    wa.forEach((x, i) => expect(x).toBeCloseTo(wb[i]!, 5));
    expect(Math.max(...wa.map((x, i) => Math.abs(x - wc[i]!)))).toBeGreaterThan(1e-3);
    for (const p of [a, b, c]) p.dispose();
  });

  it('lrDecay lowers the learning rate: with decay 1e-6 per step the weights stay where step 1 left them', async () => {
    const seq = testSequential(host, 'location-finding', { T: 3 });
    const init = [[4, 4], [4.2, 4], [4, 4.2]];
    const run = async (steps: number, extra: object) => {
      const p = staticAt(init);
      const r = await trainPolicy(p, seq, { kind: 'spce', contrastive: 63 }, { steps, batch: 32, lr: 0.1, recordEvery: 10, ...extra }, new Rng(5));
      const w = weights(p);
      p.dispose();
      return { r, w };
    };
    const one = await run(1, {});
    const decayed = await run(40, { lrDecay: 1e-6, lrDecayEvery: 1 });
    const plain = await run(40, {});
    expect(decayed.r.finalLr).toBeCloseTo(0.1 * 1e-6 ** 39, 20);
    expect(plain.r.finalLr).toBe(0.1);
    // Adam moves each weight by at most ≈ lr per step: 39 steps of 1e-7.
    expect(Math.max(...decayed.w.map((x, i) => Math.abs(x - one.w[i]!)))).toBeLessThan(1e-5);
    expect(Math.max(...plain.w.map((x, i) => Math.abs(x - one.w[i]!)))).toBeGreaterThan(0.1);
  });
});

