import * as tf from '@tensorflow/tfjs';
import { Rng, selectBackend } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleSineEpisode, sampleSupportQuery } from '../SineFamily.js';
import { MetaFloLearner } from './MetaFloLearner.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const tiny = { hidden: [16], embedDim: 8, critic: { hidden: [16], embed: 8, uHidden: [8] } };

describe(MetaFloLearner, () => {
  it('is permutation-invariant in the support points', () => {
    const m = new MetaFloLearner(tiny, new Rng(1));
    const e = sampleSineEpisode(new Rng(2), 3, 4);
    const q = sampleSineEpisode(new Rng(3), 3, 5);
    const rev = { ...e, x: e.x.slice(), y: e.y.slice() };
    for (let t = 0; t < 3; t++) for (let i = 0; i < 4; i++) [rev.x[t * 4 + i], rev.y[t * 4 + i]] = [e.x[t * 4 + 3 - i]!, e.y[t * 4 + 3 - i]!];
    const a = m.predict(e, q);
    const b = m.predict(rev, q);
    a.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 5));
    m.dispose();
  });

  it('leaks no tensors in a training step or a prediction (λ > 0 and λ = 0)', () => {
    for (const lambda of [0.1, 0]) {
      const m = new MetaFloLearner({ ...tiny, lambda }, new Rng(7));
      const ep = sampleSupportQuery(new Rng(8), 4, 3, 2);
      m.trainStep(ep); // Adam slots, masks
      const before = tf.memory().numTensors;
      m.trainStep(ep);
      m.predict(ep.support, ep.query);
      expect(tf.memory().numTensors).toBe(before);
      m.dispose();
    }
  });

  it('updates both the critic and the model every episode, also with λ = 0 (critic kept for the Î curve)', () => {
    const m = new MetaFloLearner({ ...tiny, lambda: 0 }, new Rng(9));
    const ep = sampleSupportQuery(new Rng(10), 4, 3, 2);
    const snap = (vs: tf.Variable[]): number[] => vs.flatMap((v) => Array.from(v.dataSync()));
    const c0 = snap(m.critic.variables);
    const m0 = snap(m.model.variables);
    m.trainStep(ep);
    expect(snap(m.critic.variables)).not.toEqual(c0);
    expect(snap(m.model.variables)).not.toEqual(m0);
    m.dispose();
  });

  it('rejects a negative λ naming the field', () => {
    expect(() => new MetaFloLearner({ lambda: -1 }, new Rng(0))).toThrow(/metaflo.lambda: expected a number ≥ 0, got -1/);
  });
});
