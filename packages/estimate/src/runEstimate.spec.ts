import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { BedError, PluginHost, Rng, selectBackend, silentProgress } from '@infobed/core';
import critics from '@infobed/plugin-critics';
import bounds from '@infobed/plugin-estimator-bounds';
import flo from '@infobed/plugin-estimator-flo';
import { beforeAll, describe, expect, it } from 'vitest';
import tasks from '@infobed/plugin-tasks';
import { gaussianMi } from '@infobed/plugin-tasks';
import { traceChart, writeEstimatePlots } from './estimatePlots.js';
import { runEstimate, runEstimateReport } from './runEstimate.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const host = (): PluginHost => {
  const h = new PluginHost();
  h.use(critics);
  h.use(bounds);
  h.use(flo);
  h.use(tasks);
  return h;
};

describe('runEstimate (tiny budget: plumbing only)', () => {
  it('returns one row per objective and truth level, writes the CSV, and leaks no tensors', async () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'estimate-')), 'rows.csv');
    const before = tf.memory().numTensors;
    const rows = await runEstimate(
      host(),
      {
        objectives: [{ id: 'infonce' }, { id: 'flo', critic: { id: 'bilinear', options: { hidden: [16] } } }],
        critic: { id: 'bilinear', options: { hidden: [16] } },
        dim: 2,
        mi: [1, 2],
        batch: 16,
        stepsPerStage: 6,
        average: 3,
        runs: 2,
        heldOut: 40,
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
      // Held-out: 40 pairs → 3 batches of 16 after each stage; InfoNCE stays ≤ log B there too.
      expect(Number.isFinite(r.heldOut)).toBe(true);
      expect(r.heldOutBias).toBeCloseTo(r.heldOut - r.trueMi, 12);
      expect(r.heldOutSd).toBeGreaterThanOrEqual(0);
      if (r.objective === 'infonce') expect(r.heldOut).toBeLessThanOrEqual(Math.log(16) + 1e-4);
      expect(r.task).toBe(`gaussian-d2-mi${r.trueMi}`);
    }
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('objective,critic,criticSource,task,dim,transform,trueMi,estimate,bias,std,estimateSd,heldOut,heldOutBias,heldOutSd,bound,runs,lr,lrSchedule,stepsPerStage,emaDecay,diverged,stepsPerSecond,seconds,backend,error,options');
    expect(lines).toHaveLength(5);
    expect(gaussianMi(2, 0.5)).toBeGreaterThan(0);
  });

  it('returns training curves whose window points average to the row estimates, and plots them', async () => {
    const settings = { objectives: [{ id: 'infonce' }, { id: 'nwj' }], critic: { id: 'separable', options: { hidden: [8] } }, dim: 2, mi: [1, 2], batch: 8, stepsPerStage: 7, average: 4, traceEvery: 1, heldOut: 0 };
    const { rows, traces } = await runEstimateReport(host(), settings, new Rng(1), silentProgress);
    expect(traces.map((t) => [t.objective, t.run, t.points.length])).toEqual([['infonce', 0, 14], ['nwj', 0, 14]]);
    for (const t of traces) {
      expect(t.points.map((p) => p.step)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
      expect(t.points.map((p) => p.trueMi)).toEqual([...Array(7).fill(1), ...Array(7).fill(2)]);
      for (const [k, trueMi] of [1, 2].entries()) {
        const window = t.points.slice(7 * k + 3, 7 * (k + 1)).map((p) => p.mi);
        const row = rows.find((r) => r.objective === t.objective && r.trueMi === trueMi)!;
        expect(window.reduce((a, v) => a + v, 0) / window.length).toBeCloseTo(row.estimate, 5);
      }
    }
    // Blocks of 3 steps: stage ends flush a partial block, so 7 steps → 3 + 3 + 1.
    const coarse = await runEstimateReport(host(), { ...settings, objectives: [{ id: 'infonce' }], traceEvery: 3 }, new Rng(1), silentProgress);
    expect(coarse.traces[0]!.points.map((p) => p.step)).toEqual([3, 6, 7, 10, 13, 14]);
    const fine = traces[0]!.points.map((p) => p.mi);
    expect(coarse.traces[0]!.points[2]!.mi).toBeCloseTo(fine[6]!, 5);
    expect(coarse.traces[0]!.points[0]!.mi).toBeCloseTo((fine[0]! + fine[1]! + fine[2]!) / 3, 5);

    const spec = traceChart(traces, 8, 't') as { data: { values: { panel: string; kind: string; step?: number; nats: number }[] } };
    const truth = spec.data.values.filter((v) => v.kind === 'truth' && v.panel === 'nwj (separable)');
    expect(truth.map((v) => [v.step, v.nats])).toEqual([[0, 1], [7, 1], [7, 2], [14, 2]]);
    expect(spec.data.values.filter((v) => v.kind === 'logB').map((v) => v.nats)).toEqual([Math.log(8), Math.log(8)]);
    const dir = mkdtempSync(join(tmpdir(), 'estimate-plots-'));
    const pngs = await writeEstimatePlots(dir, rows, traces, { batch: 8, dim: 2 });
    expect(pngs.map((p) => p.slice(dir.length + 1))).toEqual(['estimate-trace.png', 'bias-variance.png']);
    for (const p of pngs) expect(readFileSync(p).subarray(1, 4).toString()).toBe('PNG');
  });

  it('is reproducible from the seed', async () => {
    const settings = { objectives: [{ id: 'nwj' }], dim: 2, mi: [1], batch: 8, stepsPerStage: 4, average: 4, heldOut: 16, critic: { id: 'separable', options: { hidden: [8] } } };
    const a = await runEstimate(host(), settings, new Rng(3), silentProgress);
    const b = await runEstimate(host(), settings, new Rng(3), silentProgress);
    expect(a[0]!.estimate).toBe(b[0]!.estimate);
    expect(a[0]!.heldOut).toBe(b[0]!.heldOut);
    // The held-out pairs come from their own stream: turning them off leaves training unchanged.
    expect((await runEstimate(host(), { ...settings, heldOut: 0 }, new Rng(3), silentProgress))[0]!.estimate).toBe(a[0]!.estimate);
    expect((await runEstimate(host(), { ...settings, heldOut: 0 }, new Rng(3), silentProgress))[0]!.heldOut).toBeNaN();
  });

  it("trains flo on its declared default critic (shared) when none is named, and a named one wins", async () => {
    const base = { dim: 2, mi: [1], batch: 8, stepsPerStage: 2, average: 1, heldOut: 8, critic: { id: 'separable', options: { hidden: [8] } } };
    const [byDefault] = await runEstimate(host(), { ...base, objectives: [{ id: 'flo' }] }, new Rng(0), silentProgress);
    expect([byDefault!.critic, byDefault!.criticSource]).toEqual(['shared', 'objective-default']);
    const [named] = await runEstimate(host(), { ...base, objectives: [{ id: 'flo', critic: { id: 'bilinear', options: { hidden: [8] } } }] }, new Rng(0), silentProgress);
    expect([named!.critic, named!.criticSource]).toEqual(['bilinear', 'named']);
    const [other] = await runEstimate(host(), { ...base, objectives: [{ id: 'nwj' }] }, new Rng(0), silentProgress);
    expect([other!.critic, other!.criticSource]).toEqual(['separable', 'fallback']);
  });

  it('an objective entry may train with its own lr / stepsPerStage / average (rows record them)', async () => {
    const base = { dim: 2, mi: [1], batch: 8, stepsPerStage: 6, average: 3, heldOut: 0, lr: 1e-3, traceEvery: 1, critic: { id: 'separable', options: { hidden: [8] } } };
    const own = { id: 'infonce', lr: 0.05, stepsPerStage: 4, average: 2 };
    const { rows, traces } = await runEstimateReport(host(), { ...base, objectives: [{ id: 'infonce' }, own] }, new Rng(0), silentProgress);
    expect(rows.map((r) => [r.lr, r.stepsPerStage])).toEqual([[1e-3, 6], [0.05, 4]]);
    expect(traces.map((t) => t.points.length)).toEqual([6, 4]);
    // The same entry alone, with the shared settings set to its values, trains identically.
    const [alone] = await runEstimate(host(), { ...base, lr: 0.05, stepsPerStage: 4, average: 2, objectives: [{ id: 'infonce' }] }, new Rng(0), silentProgress);
    expect(rows[1]!.estimate).toBe(alone!.estimate);
    expect(rows[1]!.estimate).not.toBe(rows[0]!.estimate);
    await expect(runEstimate(host(), { ...base, objectives: [{ id: 'infonce', average: 7 }] }, new Rng(0), silentProgress)).rejects.toThrow(/estimate\.objectives\.0\.average: expected average ≤ stepsPerStage/);
    // Its own truth schedule: a fresh start at 2 nats, while the others run the shared [1].
    const fresh = await runEstimate(host(), { ...base, objectives: [{ id: 'infonce' }, { id: 'nwj', mi: [2, 3] }] }, new Rng(0), silentProgress);
    expect(fresh.map((r) => `${r.objective}@${r.trueMi}`)).toEqual(['infonce@1', 'nwj@2', 'nwj@3']);
  });

  it('runs benchmark tasks (one row per objective × task, truth from the task) and draws the heat-map', async () => {
    const settings = {
      objectives: [{ id: 'infonce' }, { id: 'nwj' }],
      critic: { id: 'separable', options: { hidden: [8] } },
      tasks: [{ id: 'additive-noise', options: { epsilon: 0.75 } }, { id: 'multinormal-2pair', options: { dimX: 2, dimY: 3 } }],
      batch: 8, stepsPerStage: 4, average: 2, heldOut: 16, runs: 2,
    };
    const before = tf.memory().numTensors;
    const { rows, traces } = await runEstimateReport(host(), settings, new Rng(2), silentProgress);
    expect(tf.memory().numTensors).toBe(before);
    expect(rows.map((r) => `${r.objective}@${r.task}`)).toEqual([
      'infonce@additive-noise-0.75', 'infonce@multinormal-2pair-2x3', 'nwj@additive-noise-0.75', 'nwj@multinormal-2pair-2x3',
    ]);
    expect(rows[0]!.trueMi).toBeCloseTo(1 / 3, 12);
    expect(rows[1]!.trueMi).toBeCloseTo(-Math.log(1 - 0.8 ** 2), 12);
    expect(rows.every((r) => r.runs === 2 && Number.isFinite(r.heldOut) && r.transform === '-')).toBe(true);
    expect(traces).toHaveLength(8);
    const dir = mkdtempSync(join(tmpdir(), 'estimate-heat-'));
    const pngs = await writeEstimatePlots(dir, rows, traces, { batch: 8, dim: 2, tasks: true });
    expect(pngs.map((p) => p.slice(dir.length + 1))).toEqual(['benchmark-heatmap.png']);
  });

  it('warns when flo runs on an unbounded critic, not on the bilinear one', async () => {
    const logs: string[] = [];
    const progress = { ...silentProgress, log: (m: string) => void logs.push(m) };
    const base = { dim: 2, mi: [1], batch: 8, stepsPerStage: 2, average: 1, heldOut: 0 };
    await runEstimate(host(), { ...base, objectives: [{ id: 'flo', critic: { id: 'separable', options: { hidden: [8] } } }] }, new Rng(0), progress);
    expect(logs.filter((l) => l.startsWith('warning: flo with the "separable" critic'))).toHaveLength(1);
    logs.length = 0;
    await runEstimate(host(), { ...base, objectives: [{ id: 'flo' }], critic: { id: 'separable', options: { hidden: [8] } } }, new Rng(0), progress);
    expect(logs.filter((l) => l.startsWith('warning'))).toEqual([]); // its own default (shared)
    logs.length = 0;
    await runEstimate(host(), { ...base, objectives: [{ id: 'flo', critic: { id: 'bilinear', options: { hidden: [8] } } }] }, new Rng(0), progress);
    expect(logs.filter((l) => l.startsWith('warning'))).toEqual([]);
  });

  it('names the field of bad settings and lists the available objectives for an unknown id', async () => {
    await expect(runEstimate(host(), { objectives: [{ id: 'nwj' }], average: 10, stepsPerStage: 5 }, new Rng(0), silentProgress)).rejects.toThrow(/estimate\.average/);
    let err: unknown;
    try {
      await runEstimate(host(), { objectives: [{ id: 'nope' }] }, new Rng(0), silentProgress);
    } catch (e) {
      err = e;
    }
    expect(BedError.is(err, 'unknownPlugin')).toBe(true);
    expect((err as Error).message).toMatch(/available: .*flo.*infonce/);
  });
});
