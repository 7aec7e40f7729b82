import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { BedError, PluginHost, Rng, selectBackend, silentProgress } from '@infobed/core';
import critics from '@infobed/plugin-critics';
import bounds from '@infobed/plugin-estimator-bounds';
import flo from '@infobed/plugin-estimator-flo';
import { beforeAll, describe, expect, it } from 'vitest';
import { gaussianMi } from './gaussianTruth.js';
import { runEstimate } from './runEstimate.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const host = (): PluginHost => {
  const h = new PluginHost();
  h.use(critics);
  h.use(bounds);
  h.use(flo);
  return h;
};

describe('runEstimate (tiny budget: plumbing only)', () => {
  it('returns one row per objective and truth level, writes the CSV, and leaks no tensors', () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'estimate-')), 'rows.csv');
    const before = tf.memory().numTensors;
    const rows = runEstimate(
      host(),
      {
        objectives: [{ id: 'infonce' }, { id: 'flo' }],
        critic: { id: 'bilinear', options: { hidden: [16] } },
        dim: 2,
        mi: [1, 2],
        batch: 16,
        stepsPerStage: 6,
        average: 3,
        runs: 2,
        csv,
      },
      new Rng(0),
      silentProgress,
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(rows.map((r) => [r.objective, r.trueMi])).toEqual([['infonce', 1], ['infonce', 2], ['flo', 1], ['flo', 2]]);
    for (const r of rows) {
      expect(Number.isFinite(r.estimate)).toBe(true);
      expect(r.bias).toBeCloseTo(r.estimate - r.trueMi, 12);
      expect(r.critic).toBe('bilinear');
      expect(r.backend).toBe('wasm');
      expect(r.stepsPerSecond).toBeGreaterThan(0);
      // InfoNCE's estimate is its own bound.
      if (r.objective === 'infonce') expect(r.estimate).toBeCloseTo(r.bound, 4);
    }
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('objective,critic,dim,transform,trueMi,estimate,bias,std,bound,runs,stepsPerSecond,backend,error');
    expect(lines).toHaveLength(5);
    expect(gaussianMi(2, 0.5)).toBeGreaterThan(0);
  });

  it('is reproducible from the seed', () => {
    const settings = { objectives: [{ id: 'nwj' }], dim: 2, mi: [1], batch: 8, stepsPerStage: 4, average: 4, critic: { id: 'separable', options: { hidden: [8] } } };
    const a = runEstimate(host(), settings, new Rng(3), silentProgress);
    const b = runEstimate(host(), settings, new Rng(3), silentProgress);
    expect(a[0]!.estimate).toBe(b[0]!.estimate);
  });

  it('warns when flo runs on an unbounded critic, not on the bilinear one', () => {
    const logs: string[] = [];
    const progress = { ...silentProgress, log: (m: string) => void logs.push(m) };
    const base = { dim: 2, mi: [1], batch: 8, stepsPerStage: 2, average: 1 };
    runEstimate(host(), { ...base, objectives: [{ id: 'flo' }], critic: { id: 'separable', options: { hidden: [8] } } }, new Rng(0), progress);
    expect(logs.filter((l) => l.startsWith('warning: flo with the "separable" critic'))).toHaveLength(1);
    logs.length = 0;
    runEstimate(host(), { ...base, objectives: [{ id: 'flo', critic: { id: 'bilinear', options: { hidden: [8] } } }] }, new Rng(0), progress);
    expect(logs.filter((l) => l.startsWith('warning'))).toEqual([]);
  });

  it('names the field of bad settings and lists the available objectives for an unknown id', () => {
    expect(() => runEstimate(host(), { objectives: [{ id: 'nwj' }], average: 10, stepsPerStage: 5 }, new Rng(0), silentProgress)).toThrow(/estimate\.average/);
    let err: unknown;
    try {
      runEstimate(host(), { objectives: [{ id: 'nope' }] }, new Rng(0), silentProgress);
    } catch (e) {
      err = e;
    }
    expect(BedError.is(err, 'unknownPlugin')).toBe(true);
    expect((err as Error).message).toMatch(/available: .*flo.*infonce/);
  });
});
