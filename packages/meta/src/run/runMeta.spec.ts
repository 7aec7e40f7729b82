import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { Rng, selectBackend } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { META_METHODS } from './MetaConfigSchema.js';
import { resolveMetaConfig } from './resolveMetaConfig.js';
import { runMeta } from './runMeta.js';
import { adaptationSeries, lambdaSweepRows } from './metaPlots.js';
import { readMetaResult, writeLambdaSweep, writeMetaComparison, writeMetaOutputs } from './writeMetaOutputs.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const tinyOverrides = {
  training: { iterations: 6, evalEvery: 3, tasksPerEpisode: 8, validationTasks: 10 },
  evaluation: { tasks: 12, shots: [1, 3], queries: 10, examples: 2 },
  maml: { evalSteps: 2, hidden: [8, 8] },
  metaflo: { hidden: [8], embedDim: 4, critic: { hidden: [8], embed: 4, uHidden: [4] } },
};
const tiny = (method: string) => resolveMetaConfig({ method }, 'test', 'ci', tinyOverrides);

describe(runMeta, () => {
  it.each(META_METHODS)('%s: result rows, curve and examples match the contract; no tensor leaks', async (method) => {
    const before = tf.memory().numTensors;
    const r = await runMeta(tiny(method), new Rng(0));
    expect(tf.memory().numTensors).toBe(before);
    const maml = method === 'maml' || method === 'fomaml';
    expect(r.mse.length).toBe(maml ? 2 * 3 : 2);
    for (const m of r.mse) {
      expect(m.tasks).toBe(12);
      expect(m.ci95).toBeCloseTo((1.96 * m.std) / Math.sqrt(12), 10);
      expect(Number.isFinite(m.mean)).toBe(true);
      expect(m.steps === undefined).toBe(!maml);
    }
    expect(r.curve.map((p) => p.iteration)).toEqual([0, 3, 6]);
    expect(r.curve.slice(1).every((p) => (p.mi !== undefined) === !maml)).toBe(true);
    expect(r.examples.length).toBe(2);
    expect(Object.keys(r.examples[0]!.fits).length).toBe(maml ? 3 : 1);
    expect(r.backend).toBe('wasm');
  });

  it('is reproducible for a seed, and the test set does not depend on the training seed', async () => {
    const a = await runMeta(tiny('cnp'), new Rng(1));
    const b = await runMeta(tiny('cnp'), new Rng(1));
    const c = await runMeta(tiny('cnp'), new Rng(2));
    expect(b.mse).toEqual(a.mse);
    expect(c.mse[0]!.mean).not.toBe(a.mse[0]!.mean);
    expect(c.examples[0]!.supportX).toEqual(a.examples[0]!.supportX);
  });

  it('writes result.json in the specs/cli.md shape, CSVs and the three plots', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'infobed-meta-'));
    try {
      const r = await runMeta(tiny('maml'), new Rng(0));
      const files = await writeMetaOutputs(r, dir);
      const doc = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
      expect(doc).toMatchObject({ method: 'maml', backend: 'wasm', iterations: 6 });
      expect(typeof doc.seconds).toBe('number');
      expect(Object.keys(doc.mse[0]).sort()).toEqual(['ci95', 'mean', 'shots', 'std', 'steps', 'tasks']);
      for (const f of ['mse.csv', 'curve.csv', 'mse-vs-shots.png', 'training-curve.svg', 'fits.png']) expect(files).toContain(f);
      expect(files).toContain('adaptation-curve.png');
      await writeMetaComparison([r, await runMeta(tiny('metaflo'), new Rng(0))], dir);
      expect(existsSync(join(dir, 'compare-fits.png'))).toBe(true);
      expect(existsSync(join(dir, 'compare-adaptation.png'))).toBe(true);
      expect(readFileSync(join(dir, 'compare.csv'), 'utf8').split('\n')[0]).toMatch(/^method,shots,steps,mean,ci95/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a plot that cannot be written leaves no result.json (result.json is written last)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'infobed-meta-'));
    try {
      const r = await runMeta(tiny('cnp'), new Rng(0));
      // A folder where the training-curve PNG should go: its atomic rename fails.
      mkdirSync(join(dir, 'training-curve.png'));
      await expect(writeMetaOutputs(r, dir)).rejects.toThrow();
      expect(existsSync(join(dir, 'mse.csv'))).toBe(true);
      expect(existsSync(join(dir, 'mse-vs-shots.png'))).toBe(true);
      expect(existsSync(join(dir, 'result.json'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a written result folder back (mse, curve with its NaN, examples, config)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'infobed-meta-'));
    try {
      const r = await runMeta(tiny('metaflo'), new Rng(3));
      await writeMetaOutputs(r, dir);
      const back = readMetaResult(dir);
      expect(back.mse).toEqual(r.mse);
      expect(back.curve).toEqual(r.curve);
      expect(Number.isNaN(back.curve[0]!.trainLoss)).toBe(true);
      expect(back.examples).toEqual(r.examples);
      expect(back.config).toEqual(r.config);
      expect(() => readMetaResult(join(dir, 'missing'))).toThrow(/missing: cannot read result.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('λ sweep: one CSV row per (λ, K) with the run’s test MSE and final Î_FLO; cnp counts as λ = 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'infobed-meta-'));
    try {
      const runs = [await runMeta(tiny('cnp'), new Rng(0)), await runMeta(resolveMetaConfig({}, 'test', undefined, { ...tinyOverrides, method: 'metaflo', metaflo: { ...tinyOverrides.metaflo, lambda: 0.5 } }), new Rng(0))];
      await writeLambdaSweep(runs, dir);
      const lines = readFileSync(join(dir, 'lambda-sweep.csv'), 'utf8').trim().split('\n');
      expect(lines.length).toBe(1 + 2 * 2);
      const row = lines[3]!.split(','); // λ = 0.5, K = 1
      expect(Number(row[0])).toBe(0.5);
      expect(Number(row[2])).toBe(1);
      expect(Number(row[3])).toBe(runs[1]!.mse[0]!.mean);
      expect(Number(row[6])).toBe(runs[1]!.curve.at(-1)!.mi);
      expect(lines[1]!.startsWith('0,0,1,')).toBe(true);
      expect(existsSync(join(dir, 'lambda-sweep.png'))).toBe(true);
      await expect(writeLambdaSweep([await runMeta(tiny('maml'), new Rng(0))], dir)).rejects.toThrow(/no metaflo or cnp results/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe(adaptationSeries, () => {
  it('MAML rows become curves over steps, amortised rows horizontal references, restricted to the given K', () => {
    const row = (shots: number, mean: number, steps?: number) => ({ shots, mean, std: 1, ci95: 0.1, tasks: 600, ...(steps !== undefined ? { steps } : {}) });
    const maml = { method: 'maml' as const, mse: [row(1, 9, 0), row(1, 8, 1), row(3, 7, 0), row(3, 6, 1)] };
    const cnp = { method: 'cnp' as const, mse: [row(1, 2), row(3, 1)] };
    const s = adaptationSeries([maml, cnp], [3]);
    expect(s.curves).toEqual([
      { series: 'maml', shots: 3, steps: 0, mean: 7, lo: 6.9, hi: 7.1 },
      { series: 'maml', shots: 3, steps: 1, mean: 6, lo: 5.9, hi: 6.1 },
    ]);
    expect(s.references).toEqual([{ series: 'cnp', shots: 3, mean: 1 }]);
    expect(lambdaSweepRows([maml as never])).toEqual([]);
  });
});
