import * as tf from '@tensorflow/tfjs';
import { DesignSpace, PluginHost, selectBackend } from '@infobed/core';
import critics from '@infobed/plugin-critics';
import anchor from '@infobed/plugin-estimator-infonce-anchor';
import linear from '@infobed/simulator-noisy-linear';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DesignConfigSchema, DesignSectionSchema } from './DesignConfigSchema.js';
import { chainJumps } from './jumpHooks.js';
import { polishDesign } from './polishDesign.js';
import { runDesign } from './runDesign.js';

let host: PluginHost;
beforeAll(async () => {
  await selectBackend('wasm');
  host = new PluginHost();
  [critics, anchor, linear].forEach((p) => host.use(p));
});

describe('design.polish', () => {
  it('box space: walks to the optimum of a concave score on the step lattice, accepting only improvements', () => {
    const space = new DesignSpace({ dim: 2, lower: -1, upper: 1, transform: 'box' });
    const target = [0.3, -0.6];
    const scored: number[][] = [];
    const score = (d: readonly number[]) => (scored.push([...d]), -((d[0]! - target[0]!) ** 2) - (d[1]! - target[1]!) ** 2);
    const r = polishDesign(9, [-1, 1], space, score, [0.5, 0.1], 500)!;
    // Lattice -1 + 0.5a + 0.1b: the nearest points to the target are 0.3 and -0.6 exactly.
    expect(r.to[0]).toBeCloseTo(0.3, 12);
    expect(r.to[1]).toBeCloseTo(-0.6, 12);
    expect(r).toMatchObject({ step: 9, from: [-1, 1], accepted: true, evaluations: scored.length });
    expect(r.fromEig).toBeCloseTo(-(1.3 ** 2 + 1.6 ** 2), 12);
    expect(r.toEig).toBeCloseTo(0, 12);
    // Every design scored stays in the box (moves past a bound are clipped).
    expect(scored.flat().every((v) => v >= -1 && v <= 1)).toBe(true);
    // At the optimum already: nothing beats it, the design is kept.
    const kept = polishDesign(9, target, space, score, [0.5, 0.1], 500)!;
    expect(kept).toMatchObject({ accepted: false, moves: 0, evaluations: 9, to: target });
  });

  it('sigmoid space: steps act on the logit; maxEvaluations caps the search; no score → undefined; no leaks', () => {
    const space = new DesignSpace({ dim: 1, lower: 0, upper: 24, transform: 'sigmoid' });
    const before = tf.memory().numTensors;
    // The logit of 12 h is 0; the best of 0 ± 0.25k is 0.5 (t = 24·σ(0.5) = 14.97 h) for a target of 15 h.
    const r = polishDesign(1, [12], space, (d) => -Math.abs(d[0]! - 15), [0.25], 100)!;
    expect(r.to[0]).toBeCloseTo(24 / (1 + Math.exp(-0.5)), 4);
    expect(r.moves).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
    const capped = polishDesign(1, [12], space, (d) => -Math.abs(d[0]! - 15), [0.25], 3)!;
    expect(capped.evaluations).toBe(3);
    expect(capped.moves).toBe(1);
    expect(polishDesign(1, [12], space, () => undefined, [0.25], 100)).toBeUndefined();
  });

  it('chainJumps: a later hook starts from the design an earlier one jumped to', () => {
    const seen: number[][] = [];
    const jump = chainJumps(
      (s) => (s === 2 ? [1, 1] : undefined),
      (_s, d) => (seen.push(d()), undefined),
    );
    expect(jump(1, () => [0, 0])).toBeUndefined();
    expect(jump(2, () => [0, 0])).toEqual([1, 1]);
    expect(seen).toEqual([[0, 0], [1, 1]]);
  });

  it('runDesign: polishes after the last joint step by the closed-form EIG, records it, and the run ends at the polished design', async () => {
    // One location off the optimum (all at ±2): the polish moves it to the bound, raising the closed-form EIG.
    const initial = [-2, -2, -2, -2, -2, 2, 2, 2, 2, 0.9];
    const design = { steps: 6, finalCriticSteps: 2, batch: 16, lrDesign: 1e-6, recordEvery: 3, evalBatches: 1, initial, polish: { steps: [0.5, 0.25] } };
    const config = DesignConfigSchema.parse({ simulator: { id: 'linear-gaussian' }, critic: { options: { hidden: [8], embed: 4 } }, design, evaluate: { method: 'analytic' } });
    const outDir = mkdtempSync(join(tmpdir(), 'infobed-polish-'));
    const r = await runDesign({ host, config, outDir, backend: 'wasm', plots: false });
    const p = r.polish!;
    expect(p).toMatchObject({ step: 6, accepted: true });
    const sim = host.simulator('linear-gaussian').create({});
    expect(p.fromEig).toBeCloseTo(sim.analyticEig!(p.from), 12);
    expect(p.toEig).toBeCloseTo(sim.analyticEig!(p.to), 12);
    expect(p.toEig).toBeGreaterThan(p.fromEig);
    expect(p.to[9]).toBeCloseTo(2, 4);
    r.design.forEach((v, i) => expect(v).toBeCloseTo(p.to[i]!, 3));
    expect(r.eig!.value).toBeCloseTo(sim.analyticEig!(r.design), 3);
    expect(existsSync(join(outDir, 'checkpoint', 'polish.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(outDir, 'result.json'), 'utf8')).polish.to).toEqual(p.to);
  });

  it('the schema: off by default; positive steps only; unknown keys rejected', () => {
    expect(DesignSectionSchema.parse({}).polish).toEqual({ steps: [], outer: 1000, inner: 2000, maxEvaluations: 200 });
    expect(DesignSectionSchema.parse({ polish: { steps: [0.2, 0.1] } }).polish.steps).toEqual([0.2, 0.1]);
    expect(DesignSectionSchema.safeParse({ polish: { steps: [0] } }).success).toBe(false);
    expect(DesignSectionSchema.safeParse({ polish: { step: [0.1] } }).success).toBe(false);
  });
});
