import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/runCliCaptured.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tmp = () => mkdtempSync(join(tmpdir(), 'infobed-cli-'));

describe('infobed design (end to end, ci preset)', () => {
  it('optimises the noisy-linear design and writes every result file', async () => {
    const out = tmp();
    const r = await runCliCaptured(['design', '--config', 'configs/noisy-linear.yaml', '--preset', 'ci', '--out', out, '--json'], root);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(r.stdout.trim().split('\n')).toHaveLength(1); // exactly one JSON document
    expect(doc.ok).toBe(true);
    for (const f of ['result.json', 'history.csv', 'config.resolved.yaml', 'bound.png', 'bound.svg', 'designs.png', 'checkpoint/design.json']) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    expect(result).toMatchObject({ simulator: 'noisy-linear', objective: 'infonce-anchor', seed: 0, steps: 800 });
    expect(['wasm', 'cpu', 'tensorflow']).toContain(result.backend);
    expect(Number.isFinite(result.mi.bound) && Number.isFinite(result.mi.estimate)).toBe(true);
    // Even the short run pushes the designs outwards, to both ends.
    const d: number[] = result.design;
    expect(d.reduce((a, x) => a + Math.abs(x), 0) / d.length).toBeGreaterThan(1.5);
    expect(d.some((x) => x < -1.5) && d.some((x) => x > 1.5)).toBe(true);
    expect(r.stderr).toMatch(/design: \d+\/800/); // progress on stderr, never stdout
  });

  it('accepts every registered objective by id (--objective), whatever the config objective options', async () => {
    const list = await runCliCaptured(['plugins', 'list', '--json'], root);
    const ids: string[] = JSON.parse(list.stdout).result.estimators.map((e: { id: string }) => e.id);
    expect(ids.length).toBeGreaterThanOrEqual(13);
    const dir = tmp();
    // The shipped config's anchor options (nu, construction) must not leak into other objectives.
    const config = join(dir, 'tiny.yaml');
    writeFileSync(
      config,
      [
        'simulator: { id: noisy-linear, options: { designs: 4 } }',
        'objective: { id: infonce-anchor, options: { nu: 32, construction: paper } }',
        'critic: { id: separable, options: { hidden: [16], embed: 8 } }',
        'design: { steps: 15, finalCriticSteps: 5, batch: 32, recordEvery: 5, evalBatches: 2 }',
        'evaluate: { method: none }',
      ].join('\n'),
    );
    for (const id of ids) {
      const out = join(dir, id);
      // drf's e^{2S} overflows float32 above S ≈ 44, which an unbounded separable critic reaches on
      // this model within a few steps (exit 3, checked below); the bilinear critic bounds |S| ≤ 20.
      const critic = id === 'drf' ? ['--critic', 'bilinear'] : [];
      const r = await runCliCaptured(['design', '--config', config, '--objective', id, ...critic, '--out', out, '--json', '--quiet'], root);
      expect(r.code, `${id}: ${r.stderr}`).toBe(0);
      const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
      expect(result.objective, id).toBe(id);
      expect(Number.isFinite(result.mi.bound) && Number.isFinite(result.mi.estimate), id).toBe(true);
    }
    const drf = await runCliCaptured(['design', '--config', config, '--objective', 'drf', '--out', join(dir, 'drf-separable'), '--json', '--quiet'], root);
    if (drf.code !== 0) {
      expect(drf.code).toBe(3);
      expect(JSON.parse(drf.stdout).error).toMatchObject({ kind: 'numerical', message: expect.stringMatching(/drf: loss is/) });
    }
  });

  it('runs a third-party estimator loaded with --plugin', async () => {
    const out = tmp();
    const r = await runCliCaptured(
      ['design', '--plugin', './examples/infobed-plugin-example-nwj', '--objective', 'example-nwj', '--preset', 'ci', '--config', 'configs/noisy-linear.yaml', '--steps', '60', '--out', out, '--json', '--quiet'],
      root,
    );
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    expect(result.objective).toBe('example-nwj');
    expect(result.objectiveReports).toBe('bound');
  });
});

describe('infobed exit codes', () => {
  it('bad flag → 2', async () => {
    const r = await runCliCaptured(['design', '--steps', 'many', '--quiet'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--steps/);
  });

  it('unknown option → 2 with a JSON error document under --json', async () => {
    const r = await runCliCaptured(['design', '--stepz', '3', '--json'], root);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { kind: 'invalidArgument' } });
  });

  it('bad config field → 2, naming the file and the field; no result file written', async () => {
    const dir = tmp();
    const cfg = join(dir, 'bad.yaml');
    writeFileSync(cfg, 'simulator:\n  id: noisy-linear\ndesign:\n  steps: -5\n');
    const r = await runCliCaptured(['design', '--config', cfg, '--out', join(dir, 'out'), '--quiet'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${cfg}: design.steps`);
    expect(existsSync(join(dir, 'out', 'result.json'))).toBe(false);
  });

  it('unknown objective id → 2, listing the available ids', async () => {
    const r = await runCliCaptured(['design', '--objective', 'nce', '--quiet'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/objective\.id: unknown objective "nce"; available: .*infonce-anchor/);
  });

  it('plugin not found → 4, naming it', async () => {
    const r = await runCliCaptured(['plugins', 'list', '--plugin', 'infobed-plugin-does-not-exist'], root);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/infobed-plugin-does-not-exist: package not found/);
  });

  it('malformed plugin → 4, saying what is wrong', async () => {
    const r = await runCliCaptured(['plugins', 'list', '--plugin', './test/fixtures/plugin-malformed'], root);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/not a valid InfoBED plugin.*(apiVersion|module)/);
  });

  it('duplicate id → 4, naming both packages', async () => {
    const r = await runCliCaptured(['plugins', 'list', '--plugin', './test/fixtures/plugin-duplicate/index.ts'], root);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/infobed-plugin-duplicate.*"infonce-anchor" is already registered by @infobed\/plugin-estimator-infonce-anchor/);
  });
});

describe('infobed plugins list / backends', () => {
  it('lists first-party and third-party ids with their packages', async () => {
    const r = await runCliCaptured(['plugins', 'list', '--json', '--plugin', './examples/infobed-plugin-example-nwj'], root);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout).result;
    expect(doc.estimators).toContainEqual({ id: 'example-nwj', package: 'infobed-plugin-example-nwj' });
    expect(doc.simulators).toContainEqual({ id: 'noisy-linear', package: '@infobed/simulator-noisy-linear' });
    expect(doc.critics.map((c: { id: string }) => c.id)).toContain('separable');
  });

  it('reports which backends load and what auto picks', async () => {
    const r = await runCliCaptured(['backends', '--json'], root);
    const doc = JSON.parse(r.stdout).result;
    expect(doc.backends.find((b: { name: string }) => b.name === 'cpu').ok).toBe(true);
    expect(doc.auto).toBe(doc.backends.find((b: { ok: boolean }) => b.ok).name === '@tensorflow/tfjs-node-gpu' || doc.backends.find((b: { ok: boolean }) => b.ok).name === '@tensorflow/tfjs-node' ? 'tensorflow' : doc.backends.find((b: { ok: boolean }) => b.ok).name);
  });
});
