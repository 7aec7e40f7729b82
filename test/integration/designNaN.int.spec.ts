import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIRST_PARTY_PLUGINS } from '@infobed/cli';
import { BedError, PluginHost, selectBackend } from '@infobed/core';
import { resolveDesignConfig, runDesign } from '@infobed/design';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/runCliCaptured.js';

/**
 * Exit 3 after training (issue 12): a non-finite final read-out or independent EIG ends the run
 * with `numerical` (exit 3), keeps the full `history.csv`, writes `last-good.json`, and never
 * writes `result.json` or the saved critic.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = join(root, 'test/fixtures/plugin-estimators');
const dir = mkdtempSync(join(tmpdir(), 'infobed-design-nan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `history.csv` data rows' steps. */
const steps = (out: string): number[] => readFileSync(join(out, 'history.csv'), 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[0]));

describe('design: a NaN after training', () => {
  it('in the final read-out: exit 3, history.csv complete, last-good.json at the last step, no result.json', async () => {
    // 20 joint + 5 critic steps call the objective 25 times; the read-out's first call is NaN.
    const cfg = join(dir, 'readout.yaml');
    writeFileSync(cfg, 'simulator: { id: noisy-linear, options: { designs: 2 } }\nobjective: { id: fixture-nan-after, options: { after: 25 } }\ncritic: { id: separable, options: { hidden: [8], embed: 4 } }\ndesign: { steps: 20, finalCriticSteps: 5, batch: 16, recordEvery: 5, evalBatches: 2 }\nevaluate: { method: none }\n');
    const out = join(dir, 'readout');
    const r = await runCliCaptured(['design', '--config', cfg, '--plugin', fixture, '--out', out, '--json', '--quiet', '--backend', 'wasm'], root);
    expect(r.code, r.stderr).toBe(3);
    expect(JSON.parse(r.stdout).error).toMatchObject({ kind: 'numerical', message: expect.stringMatching(/non-finite final read-out .* complete up to step 25/) });
    expect(steps(out)).toEqual([5, 10, 15, 20, 25]);
    expect(JSON.parse(readFileSync(join(out, 'last-good.json'), 'utf8')).lastGood.step).toBe(25);
    expect(existsSync(join(out, 'result.json'))).toBe(false);
    expect(existsSync(join(out, 'model', 'critic.ibck'))).toBe(false);
  });

  it('in the independent EIG evaluation: numerical, history.csv complete, no result.json', async () => {
    await selectBackend('wasm');
    const host = new PluginHost();
    for (const p of FIRST_PARTY_PLUGINS) host.use(p, p.meta.name);
    const config = resolveDesignConfig({ simulator: { id: 'noisy-linear', options: { designs: 2 } }, critic: { id: 'separable', options: { hidden: [8], embed: 4 } }, design: { steps: 10, finalCriticSteps: 0, batch: 16, recordEvery: 5, evalBatches: 2 } }, 'nan.yaml');
    const out = join(dir, 'eig');
    const run = runDesign({ host, config, outDir: out, backend: 'wasm', plots: false, evaluateEig: () => ({ method: 'nmc', value: Number.NaN, stderr: Number.NaN }) });
    await expect(run).rejects.toSatisfy((e) => BedError.is(e, 'numerical') && /independent EIG of the final design is not finite \(nmc: NaN/.test((e as Error).message));
    expect(steps(out)).toEqual([5, 10]);
    expect(JSON.parse(readFileSync(join(out, 'last-good.json'), 'utf8')).lastGood.step).toBe(10);
    expect(existsSync(join(out, 'result.json'))).toBe(false);
  });
});
