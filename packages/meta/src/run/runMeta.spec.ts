import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { Rng, selectBackend } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { META_METHODS } from './MetaConfigSchema.js';
import { resolveMetaConfig } from './resolveMetaConfig.js';
import { runMeta } from './runMeta.js';
import { writeMetaComparison, writeMetaOutputs } from './writeMetaOutputs.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const tiny = (method: string) =>
  resolveMetaConfig({ method }, 'test', 'ci', {
    training: { iterations: 6, evalEvery: 3, tasksPerEpisode: 8, validationTasks: 10 },
    evaluation: { tasks: 12, shots: [1, 3], queries: 10, examples: 2 },
    maml: { evalSteps: 2, hidden: [8, 8] },
    metaflo: { hidden: [8], embedDim: 4, critic: { hidden: [8], embed: 4, uHidden: [4] } },
  });

describe(runMeta, () => {
  it.each(META_METHODS)('%s: result rows, curve and examples match the contract; no tensor leaks', (method) => {
    const before = tf.memory().numTensors;
    const r = runMeta(tiny(method), new Rng(0));
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

  it('is reproducible for a seed, and the test set does not depend on the training seed', () => {
    const a = runMeta(tiny('cnp'), new Rng(1));
    const b = runMeta(tiny('cnp'), new Rng(1));
    const c = runMeta(tiny('cnp'), new Rng(2));
    expect(b.mse).toEqual(a.mse);
    expect(c.mse[0]!.mean).not.toBe(a.mse[0]!.mean);
    expect(c.examples[0]!.supportX).toEqual(a.examples[0]!.supportX);
  });

  it('writes result.json in the specs/cli.md shape, CSVs and the three plots', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'infobed-meta-'));
    try {
      const r = runMeta(tiny('maml'), new Rng(0));
      const files = await writeMetaOutputs(r, dir);
      const doc = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
      expect(doc).toMatchObject({ method: 'maml', backend: 'wasm', iterations: 6 });
      expect(typeof doc.seconds).toBe('number');
      expect(Object.keys(doc.mse[0]).sort()).toEqual(['ci95', 'mean', 'shots', 'std', 'steps', 'tasks']);
      for (const f of ['mse.csv', 'curve.csv', 'mse-vs-shots.png', 'training-curve.svg', 'fits.png']) expect(files).toContain(f);
      await writeMetaComparison([r, runMeta(tiny('metaflo'), new Rng(0))], dir);
      expect(existsSync(join(dir, 'compare-fits.png'))).toBe(true);
      expect(readFileSync(join(dir, 'compare.csv'), 'utf8').split('\n')[0]).toMatch(/^method,shots,steps,mean,ci95/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
