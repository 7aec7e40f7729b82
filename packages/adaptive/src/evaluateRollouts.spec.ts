import * as tf from '@tensorflow/tfjs';
import { Rng, selectBackend } from '@infobed/core';
import { nestedTerms, spceBracket } from '@infobed/evaluate';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPolicy } from './buildAdaptive.js';
import { evaluateRollouts } from './evaluateRollouts.js';
import { generateRollouts, type Rollout } from './RolloutSet.js';
import { testHost, testSequential } from './testHost.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const host = testHost();
const best = [0.5, 0.5, 5, 20, 21]; // the best static PK design known (specs/simulators.md §2)

describe('sPCE of a fixed (non-adaptive) policy = the static evaluate of the same design', () => {
  it('PK, same draws: the rollout evaluator reproduces @infobed/evaluate term by term', () => {
    const staticSim = host.simulator('pharmacokinetic').create({ T: 5 });
    const seq = testSequential(host, 'pharmacokinetic', { T: 5 });
    const N = 40;
    const L = 3000;
    const rng = new Rng(5);
    const ref = nestedTerms(staticSim, best, { outer: N, inner: L }, rng);
    // The same outer draws as nestedTerms (streams eig-outer / eig-noise), as rollouts.
    const rollouts: Rollout[] = tf.tidy(() => {
      const theta = staticSim.samplePrior(N, rng.fork('eig-outer'));
      const y = staticSim.simulate(theta, tf.tensor1d(best), staticSim.sampleNoise(N, rng.fork('eig-noise')));
      const th = theta.arraySync();
      const ys = y.arraySync();
      return th.map((t, i) => ({ theta: t, designs: best.map((d) => [d]), observations: ys[i]!.map((v) => [v]) }));
    });
    const ev = evaluateRollouts(seq, rollouts, { inner: L }, rng);
    for (let i = 0; i < N; i++) expect(Math.abs(ev.terms[i]! - ref.spce[i]!)).toBeLessThan(2e-3); // float32 likelihood vs float64 sums
    expect(ev.byT.at(-1)!.snmc).toBeCloseTo(ref.snmc.reduce((a, b) => a + b, 0) / N, 2);
  });

  it('PK, independent draws: the static policy rolled out sequentially agrees with spceBracket within 3 s.e.', () => {
    const seq = testSequential(host, 'pharmacokinetic', { T: 5 });
    const policy = buildPolicy(host, { id: 'static', options: { initial: best.map((t) => [t]) } }, seq, 0, 'test');
    const rollouts = generateRollouts(policy, seq, 600, new Rng(11));
    rollouts.slice(0, 3).forEach((r) => r.designs.forEach((d, t) => expect(d[0]!).toBeCloseTo(best[t]!, 3)));
    const ev = evaluateRollouts(seq, rollouts, { inner: 3000, chunk: 1000 }, new Rng(12)).byT.at(-1)!;
    const ref = spceBracket(host.simulator('pharmacokinetic').create({ T: 5 }), best, { outer: 600, inner: 3000 }, new Rng(13));
    expect(Math.abs(ev.spce - ref.lower!)).toBeLessThan(3 * Math.hypot(ev.spceStderr, ref.stderr));
    expect(ev.spce).toBeGreaterThan(2.9); // 3.15–3.18 nats at large L (specs/adaptive.md §3.2)
    policy.dispose();
  });

  it('chunking only changes the inner draws, and the EIG grows with t', () => {
    const seq = testSequential(host, 'location-finding', { T: 4 });
    const policy = buildPolicy(host, { id: 'random', options: {} }, seq, 3, 'test');
    const rollouts = generateRollouts(policy, seq, 30, new Rng(1));
    const a = evaluateRollouts(seq, rollouts, { inner: 2000, chunk: 2000 }, new Rng(2));
    const b = evaluateRollouts(seq, rollouts, { inner: 2000, chunk: 300 }, new Rng(2));
    // Different chunk sizes draw different inner samples: the two agree to inner Monte Carlo error.
    a.byT.forEach((x, t) => expect(Math.abs(b.byT[t]!.spce - x.spce)).toBeLessThan(0.05));
    const c = evaluateRollouts(seq, rollouts, { inner: 2000, chunk: 2000 }, new Rng(2));
    expect(c.byT).toEqual(a.byT); // same seed, same numbers
    for (let t = 1; t < 4; t++) expect(a.byT[t]!.spce).toBeGreaterThan(a.byT[t - 1]!.spce);
    a.byT.forEach((x) => expect(x.spce).toBeLessThanOrEqual(x.snmc + 1e-9));
    expect(a.byT.at(-1)!.spce).toBeLessThanOrEqual(Math.log(2001));
    policy.dispose();
  });
});
