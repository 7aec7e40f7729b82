import * as tf from '@tensorflow/tfjs';
import { BedError, PluginHost, selectBackend, type MiObjective } from '@infobed/core';
import { expectClose, expectGoldenObjective, golden, type GoldenResult } from '@infobed/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import plugin from './index.js';
import { boundFactories } from './module.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const make = (id: string, options: Record<string, unknown> = {}): MiObjective => boundFactories.find((f) => f.id === id)!.create(options);

/** [golden key, objective id, options, which golden numbers `mi`/`loss` are compared with]. */
const table: [string, string, Record<string, unknown>, (r: GoldenResult) => { loss: number; mi: number }][] = [
  ['infonce', 'infonce', {}, (r) => r],
  ['nwj', 'nwj', {}, (r) => r],
  ['tuba', 'tuba', {}, (r) => r],
  ['dv', 'dv', {}, (r) => r],
  ['alpha_infonce_0.5', 'alpha-infonce', { alpha: 0.5 }, (r) => r],
  ['mine_no_ema', 'mine', { momentum: 0 }, (r) => r],
  ['mine_ema_first_step', 'mine', { momentum: 0.9, initialBuffer: 1 }, (r) => r],
  ['mine_ema_first_step', 'mine', { momentum: 0.9, bufferUpdate: 'reference' }, (r) => r],
  ['js_poole', 'js', { report: 'nwj' }, (r) => r],
  ['js_poole', 'js', { report: 'nwj+1' }, (r) => ({ loss: -(r.extra!['nwj_shifted_plus1'] as number), mi: r.extra!['nwj_shifted_plus1'] as number })],
  ['smile_tau5', 'smile', { tau: 5 }, (r) => r],
];

describe.each(table)('golden %s via %s %o', (key, id, options, expected) => {
  const g = golden();
  it.each(g.cases.map((c) => c.name))('loss, mi and gradients on %s (rtol 1e-4, float32)', (name) => {
    const ref = g.results[name]![key]!;
    expectGoldenObjective(() => make(id, options), g.cases.find((x) => x.name === name)!, ref, { expected: expected(ref) });
  });
});

describe('bounds plugin', () => {
  it('registers all eight ids with type and reports, and validates options naming the field', () => {
    const host = new PluginHost();
    host.use(plugin);
    expect(host.list().estimators.map((e) => e.id)).toEqual(['alpha-infonce', 'dv', 'infonce', 'js', 'mine', 'nwj', 'smile', 'tuba']);
    for (const f of host.objectives()) {
      expect(f.reports).toBe(f.type === 1 ? 'bound' : 'other-bound');
      expect(f.create({}).type).toBe(f.type);
    }
    expect(() => host.objective('alpha-infonce').create({ alpha: 1 })).toThrow(/objective\.options\.alpha/);
    expect(() => host.objective('smile').create({ tau: -1 })).toThrow(/objective\.options\.tau/);
    expect(() => host.objective('nwj').create({ nu: 1 })).toThrow(/objective "nwj"/);
    try {
      host.objective('js').create({ report: 'jsd' });
    } catch (e) {
      expect(BedError.is(e, 'invalidConfig')).toBe(true);
    }
  });

  it('SMILE with tau "inf" equals DV in value', () => {
    const c = golden().cases[1]!;
    const s = tf.tensor2d(c.S);
    const v = make('smile', { tau: 'inf' }).evaluate({ scores: s }).mi.dataSync()[0]!;
    expectClose(v, golden().results[c.name]!['dv']!.mi, 1e-4, 'mi');
  });

  it('rejects bad shapes and a missing baseline, naming the objective', () => {
    expect(() => make('dv').evaluate({ scores: tf.zeros([2, 3]) as tf.Tensor2D })).toThrow(/dv: scores must be \[B, B\]/);
    expect(() => make('tuba').evaluate({ scores: tf.zeros([3, 3]) as tf.Tensor2D })).toThrow(/tuba: needs an auxiliary head/);
  });

  it.each(boundFactories.map((f) => f.id))('%s leaks no tensors (value and gradient)', (id) => {
    const s = tf.randomNormal([6, 6], 0, 1, 'float32', 5) as tf.Tensor2D;
    const u = tf.randomNormal([6], 0, 1, 'float32', 6) as tf.Tensor1D;
    const o = make(id);
    const before = tf.memory().numTensors;
    const out = o.evaluate({ scores: s, aux: u });
    tf.dispose([out.loss, out.mi]);
    tf.dispose(tf.grad((a: tf.Tensor) => o.evaluate({ scores: a as tf.Tensor2D, aux: u }).loss)(s));
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([s, u]);
  });
});
