import * as tf from '@tensorflow/tfjs';
import { BedError, selectBackend } from '@infobed/core';
import { expectGoldenObjective, golden } from '@infobed/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAnchorOptions } from './anchorOptions.js';
import { InfoNceAnchorObjective } from './InfoNceAnchorObjective.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const variants = [
  ['infonce_anchor_log_nu1_paper', { nu: 1, construction: 'paper' }],
  ['infonce_anchor_log_nu0.5_paper', { nu: 0.5, construction: 'paper' }],
  ['infonce_anchor_log_nu1_exactK', { nu: 1, construction: 'exact-k' }],
  ['infonce_anchor_log_nu0.5_exactK', { nu: 0.5, construction: 'exact-k' }],
] as const;

describe('InfoNceAnchorObjective', () => {
  const g = golden();
  describe.each(variants)('%s', (key, opts) => {
    it.each(g.cases.map((c) => c.name))('matches golden loss, mi and dL/dS on %s', (name) => {
      expectGoldenObjective(() => new InfoNceAnchorObjective(parseAnchorOptions(opts)), g.cases.find((x) => x.name === name)!, g.results[name]![key]!);
    });
  });

  it('differs from the biased full-row construction (the golden keys are not interchangeable)', () => {
    const c = g.cases.find((x) => x.name === 'B8_moderate')!;
    const full = g.results[c.name]!['infonce_anchor_log_nu1']!.loss;
    const paper = g.results[c.name]!['infonce_anchor_log_nu1_paper']!.loss;
    const out = new InfoNceAnchorObjective(parseAnchorOptions({})).evaluate({ scores: tf.tensor2d(c.S) });
    const v = out.loss.dataSync()[0]!;
    expect(Math.abs(v - paper)).toBeLessThan(1e-4);
    expect(Math.abs(v - full)).toBeGreaterThan(1e-3);
  });

  it('rejects non-square scores and bad options, naming the objective and the field', () => {
    const o = new InfoNceAnchorObjective(parseAnchorOptions({}));
    expect(() => o.evaluate({ scores: tf.zeros([3, 4]) as tf.Tensor2D })).toThrow(/infonce-anchor: scores must be \[B, B\]/);
    expect(() => parseAnchorOptions({ nu: 0 })).toThrow(/objective\.options\.nu/);
    try {
      parseAnchorOptions({ construction: 'full' });
    } catch (e) {
      expect(BedError.is(e, 'invalidConfig')).toBe(true);
    }
  });

  it('leaks no tensors (value and gradient)', () => {
    const s = tf.randomNormal([8, 8]) as tf.Tensor2D;
    const o = new InfoNceAnchorObjective(parseAnchorOptions({ construction: 'exact-k' }));
    const before = tf.memory().numTensors;
    const out = o.evaluate({ scores: s });
    tf.dispose([out.loss, out.mi]);
    tf.dispose(tf.grad((x: tf.Tensor) => o.evaluate({ scores: x as tf.Tensor2D }).loss)(s));
    expect(tf.memory().numTensors).toBe(before);
  });
});
