import * as tf from '@tensorflow/tfjs';
import { Rng, selectBackend } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleSupportQuery } from '../SineFamily.js';
import { MamlLearner } from './MamlLearner.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const grads = (m: MamlLearner, ep: ReturnType<typeof sampleSupportQuery>, firstOrder: boolean): Float32Array[] => {
  const { value, grads: g } = tf.variableGrads(() => m.metaLoss(ep, firstOrder), m.variables);
  const out = m.variables.map((v) => g[v.name]!.dataSync() as Float32Array);
  tf.dispose([value, ...Object.values(g)]);
  return out;
};

describe(MamlLearner, () => {
  it('second-order meta-gradient matches central finite differences (and first order does not)', () => {
    // Tiny net, large α so the second-order terms are big enough to tell apart.
    const m = new MamlLearner({ seed: 3, hidden: [5], innerLr: 0.2 });
    const ep = sampleSupportQuery(new Rng(5), 3, 4, 4);
    const so = grads(m, ep, false);
    const fo = grads(m, ep, true);
    const loss = (): number => tf.tidy(() => m.metaLoss(ep).dataSync()[0]!);
    // Central differences at two step sizes; an entry whose two estimates disagree straddles a
    // ReLU kink (the loss is only piecewise smooth) and is skipped. Most entries must be checked.
    let errSo = 0;
    let errFo = 0;
    let scale = 0;
    let checked = 0;
    let total = 0;
    m.variables.forEach((v, k) => {
      const base = v.dataSync().slice();
      for (let j = 0; j < base.length; j++) {
        const at = (d: number): number => {
          const p = base.slice();
          p[j] = base[j]! + d;
          v.assign(tf.tensor(p, v.shape));
          return loss();
        };
        const fd = (eps: number): number => (at(eps) - at(-eps)) / (2 * eps);
        const [f1, f2] = [fd(2e-3), fd(1e-3)];
        v.assign(tf.tensor(base, v.shape));
        total++;
        if (Math.abs(f1 - f2) > 1e-2 * Math.max(1, Math.abs(f2))) continue;
        checked++;
        errSo = Math.max(errSo, Math.abs(f2 - so[k]![j]!));
        errFo = Math.max(errFo, Math.abs(f2 - fo[k]![j]!));
        scale = Math.max(scale, Math.abs(f2));
      }
    });
    expect(checked).toBeGreaterThanOrEqual(0.8 * total);
    expect(scale).toBeGreaterThan(0.1);
    expect(errSo).toBeLessThan(2e-3 * scale);
    expect(errFo).toBeGreaterThan(10 * errSo);
    m.dispose();
  });

  it('one inner step with α = 0.01 reduces the support loss of a batch of tasks', () => {
    const m = new MamlLearner({ seed: 1 });
    const ep = sampleSupportQuery(new Rng(7), 25, 10, 10);
    const [before, after] = m.adaptAndPredict(ep.support, ep.support, 1);
    const mse = (p: Float32Array): number => p.reduce((s, v, i) => s + (v - ep.support.y[i]!) ** 2, 0) / p.length;
    expect(mse(after!)).toBeLessThan(mse(before!));
    m.dispose();
  });

  it('meta-training steps lower the meta-loss on held-out episodes', () => {
    const m = new MamlLearner({ seed: 2, hidden: [20, 20], metaLr: 3e-3 });
    const rng = new Rng(11);
    const held = sampleSupportQuery(new Rng(12), 50, 5, 10);
    const evalLoss = (): number => tf.tidy(() => m.metaLoss(held).dataSync()[0]!);
    const l0 = evalLoss();
    for (let i = 0; i < 150; i++) m.trainStep(sampleSupportQuery(rng, 16, 5, 5));
    expect(evalLoss()).toBeLessThan(0.8 * l0);
    m.dispose();
  });

  it('leaks no tensors in a training step or an adaptation', () => {
    const m = new MamlLearner({ seed: 4, hidden: [8] });
    const ep = sampleSupportQuery(new Rng(1), 4, 3, 2);
    m.trainStep(ep); // creates the Adam slots
    const before = tf.memory().numTensors;
    m.trainStep(ep);
    m.adaptAndPredict(ep.support, ep.query, 3);
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  });

  it('rejects a bad inner learning rate naming the field', () => {
    expect(() => new MamlLearner({ seed: 0, innerLr: -1 })).toThrow(/maml.innerLr: expected a number > 0, got -1/);
  });
});
