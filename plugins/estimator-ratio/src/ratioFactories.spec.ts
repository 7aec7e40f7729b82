import * as tf from '@tensorflow/tfjs';
import { BedError, PluginHost, selectBackend, type MiObjective } from '@infobed/core';
import { expectGoldenObjective, golden } from '@infobed/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { DrfObjective } from './DrfObjective.js';
import plugin from './index.js';
import { JsAnchorObjective } from './JsAnchorObjective.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const table: [string, () => MiObjective][] = [
  ['js_anchor_K1_nu1', () => new JsAnchorObjective()],
  ['drf_chi2', () => new DrfObjective()],
];

describe.each(table)('golden %s', (key, make) => {
  const g = golden();
  // golden/README.md: drf on B4_large has a non-finite float32 gradient when e^{2S} is formed on
  // every entry (the diagonal reaches 53). Here the diagonal never enters e^{2S} and the
  // off-diagonal term is one masked LSE, so the case is finite and is checked like the others.
  it.each(g.cases.map((c) => c.name))('loss, mi and dL/dS on %s (rtol 1e-4, float32)', (name) => {
    expectGoldenObjective(make, g.cases.find((x) => x.name === name)!, g.results[name]![key]!);
  });
});

describe('ratio objectives', () => {
  it('drf raises a numerical error when an off-diagonal score exceeds the float32 range of e^{2S}, and leaks nothing', () => {
    const s = tf.tensor2d([
      [0, 50],
      [0, 0],
    ]);
    const before = tf.memory().numTensors;
    let err: unknown;
    try {
      new DrfObjective().evaluate({ scores: s });
    } catch (e) {
      err = e;
    }
    expect(BedError.is(err, 'numerical')).toBe(true);
    expect((err as Error).message).toMatch(/^drf: loss is Infinity/);
    expect(tf.memory().numTensors).toBe(before);
    s.dispose();
  });

  it('registers both ids as type 3 plug-ins; rejects options and bad shapes', () => {
    const host = new PluginHost();
    host.use(plugin);
    for (const id of ['js-anchor', 'drf']) {
      expect(host.objective(id).reports).toBe('plug-in');
      expect(host.objective(id).type).toBe(3);
    }
    expect(() => host.objective('drf').create({ clip: 1 })).toThrow(/objective\.options\.clip/);
    expect(() => new JsAnchorObjective().evaluate({ scores: tf.zeros([1, 1]) as tf.Tensor2D })).toThrow(/js-anchor: need a batch/);
  });

  it.each(table)('%s leaks no tensors', (_key, make) => {
    const s = tf.randomNormal([6, 6]) as tf.Tensor2D;
    const o = make();
    const before = tf.memory().numTensors;
    const out = o.evaluate({ scores: s });
    tf.dispose([out.loss, out.mi]);
    tf.dispose(tf.grad((x: tf.Tensor) => o.evaluate({ scores: x as tf.Tensor2D }).loss)(s));
    expect(tf.memory().numTensors).toBe(before);
    s.dispose();
  });
});
