import { Rng, selectBackend } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleSineEpisode, sampleSupportQuery, slicePoints } from '../SineFamily.js';
import { perTaskMse, summarise } from '../SineTestSet.js';
import { MetaFloLearner } from './MetaFloLearner.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const tiny = { hidden: [16], embedDim: 8, critic: { hidden: [16], embed: 8, uHidden: [8] } };

describe(MetaFloLearner, () => {
  it('a few hundred episodes lower the query MSE on held-out tasks (λ = 1e-2, stochastic)', () => {
    const m = new MetaFloLearner({ ...tiny, hidden: [32, 32], lr: 3e-3, criticLr: 1e-3 }, new Rng(4));
    const held = sampleSineEpisode(new Rng(5), 100, 53);
    const support = slicePoints(held, 0, 3);
    const query = slicePoints(held, 3, 50);
    const mse = (): number => summarise(perTaskMse(query, m.predict(support, query))).mean;
    const before = mse();
    const rng = new Rng(6);
    let last = { mse: 0, mi: 0 };
    for (let i = 0; i < 300; i++) last = m.trainStep(sampleSupportQuery(rng, 32, 3, 2));
    expect(Number.isFinite(last.mi)).toBe(true);
    expect(mse()).toBeLessThan(0.7 * before);
    m.dispose();
  });

});
