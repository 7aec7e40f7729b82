import * as tf from '@tensorflow/tfjs';
import { BedError, PluginHost, selectBackend } from '@infobed/core';
import { expectGoldenObjective, golden } from '@infobed/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { FdvObjective } from './FdvObjective.js';
import { parseFdvOptions } from './fdvOptions.js';
import plugin from './index.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('FdvObjective', () => {
  const g = golden();
  it.each(g.cases.map((c) => c.name))('matches golden loss, mi and dL/dS on %s (incl. the clamp case)', (name) => {
    expectGoldenObjective(() => new FdvObjective(parseFdvOptions({})), g.cases.find((x) => x.name === name)!, g.results[name]!['fdv']!);
  });

  it('gives row 0 of B4_fdv_clamp zero gradient (clamped at the ceiling)', () => {
    const c = g.cases.find((x) => x.name === 'B4_fdv_clamp')!;
    const s = tf.tensor2d(c.S);
    const grad = tf.grad((x: tf.Tensor) => new FdvObjective(parseFdvOptions({})).evaluate({ scores: x as tf.Tensor2D }).loss)(s);
    expect(Array.from(grad.dataSync()).slice(0, c.B).every((v) => v === 0)).toBe(true);
    tf.dispose([s, grad]);
  });

  it('validates options and registers flo and fdv through the plugin host', () => {
    expect(() => parseFdvOptions({ clamp: [3, 1] })).toThrow(/objective\.options\.clamp/);
    const host = new PluginHost();
    host.use(plugin);
    expect(host.objective('fdv').reports).toBe('other-bound');
    expect(host.objective('flo').aux).toBe('positivePair');
    try {
      host.objective('flo').create({ nu: 1 });
    } catch (e) {
      expect(BedError.is(e, 'invalidConfig')).toBe(true);
    }
  });

  it('leaks no tensors', () => {
    const s = tf.randomNormal([6, 6]) as tf.Tensor2D;
    const o = new FdvObjective(parseFdvOptions({}));
    const before = tf.memory().numTensors;
    const out = o.evaluate({ scores: s });
    tf.dispose([out.loss, out.mi]);
    tf.dispose(tf.grad((x: tf.Tensor) => o.evaluate({ scores: x as tf.Tensor2D }).loss)(s));
    expect(tf.memory().numTensors).toBe(before);
  });
});
