import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDesignConfig } from '@infobed/design';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/runCliCaptured.js';

/**
 * Issue 4 acceptance: every bad design (out of bounds, wrong length) and bad prior setting gets
 * exit 2 naming the config file and the field, for each simulator, before any training.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'infobed-bad-'));
let files = 0;

/** The config's ci preset as a JSON file (valid YAML) with `edit` applied. */
function badConfig(name: string, edit: (c: Record<string, any>) => void): string {
  const { presets: _p, criticNamed: _n, ...c } = loadDesignConfig(join(root, 'configs', `${name}.yaml`), 'ci');
  const doc = structuredClone(c) as Record<string, any>;
  if ('paths' in doc.simulator.options) doc.simulator.options.paths = 50;
  edit(doc);
  const file = join(tmp, `${name}-${files++}.json`);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

async function design(file: string) {
  const r = await runCliCaptured(['design', '--config', file, '--steps', '2', '--json', '--quiet', '--backend', 'wasm', '--out', join(tmp, 'out')], root);
  const doc = JSON.parse(r.stdout) as { ok: boolean; error?: { kind: string; message: string } };
  return { code: r.code, message: doc.error?.message ?? '' };
}

interface Case {
  readonly config: string;
  /** A design of the right length with coordinate 1 out of bounds, and one of the wrong length. */
  readonly outOfBounds: number[];
  readonly wrongLength: number[];
  /** Bad prior settings: simulator option path → value, and the field the message must name. */
  readonly priors: [Record<string, unknown>, string][];
}

const CASES: Case[] = [
  { config: 'noisy-linear', outOfBounds: [0, 3, 0, 0, 0, 0, 0, 0, 0, 0], wrongLength: [0, 1], priors: [[{ priorSd: -1 }, 'priorSd'], [{ priorSd: 0 }, 'priorSd'], [{ gammaScale: 0 }, 'gammaScale']] },
  { config: 'linear-gaussian', outOfBounds: [0, -2.5, 0, 0, 0, 0, 0, 0, 0, 0], wrongLength: Array(11).fill(0), priors: [[{ priorSd: -3 }, 'priorSd'], [{ noiseSd: 0 }, 'noiseSd']] },
  { config: 'pharmacokinetic', outOfBounds: [1, 25, 5, 10, 20], wrongLength: [1, 2, 3], priors: [[{ priorLogVar: 0 }, 'priorLogVar'], [{ priorLogMean: [0, 1] }, 'priorLogMean'], [{ dose: -400 }, 'dose']] },
  { config: 'sir', outOfBounds: [10, 101, 60], wrongLength: [10, 20], priors: [[{ beta: { logMean: 0, logSd: -0.5 } }, 'beta.logSd'], [{ gamma: { logMean: 'x' } }, 'gamma.logMean']] },
  { config: 'sir-vs-seir', outOfBounds: [60, -1], wrongLength: [20, 40, 60], priors: [[{ sigma: { logSd: 0 } }, 'sigma.logSd'], [{ beta: { logSd: -1 } }, 'beta.logSd']] },
];

describe.each(CASES)('$config: bad inputs → exit 2 naming the field', ({ config, outOfBounds, wrongLength, priors }) => {
  it('design.initial out of bounds', async () => {
    const file = badConfig(config, (c) => (c.design.initial = outOfBounds));
    const r = await design(file);
    expect(r.code, r.message).toBe(2);
    expect(r.message).toContain(file);
    expect(r.message).toMatch(/design\.initial\[1\]: .* outside/);
  });

  it('design.initial of the wrong length', async () => {
    const file = badConfig(config, (c) => (c.design.initial = wrongLength));
    const r = await design(file);
    expect(r.code, r.message).toBe(2);
    expect(r.message).toContain(file);
    expect(r.message).toMatch(new RegExp(`design\\.initial: expected \\d+ design coordinates, got ${wrongLength.length}`));
  });

  it.each(priors)('prior setting %j', async (bad, field) => {
    const file = badConfig(config, (c) => Object.assign(c.simulator.options, bad));
    const r = await design(file);
    expect(r.code, r.message).toBe(2);
    expect(r.message).toContain(file);
    expect(r.message).toContain(`simulator.options.${field}`);
  });
});

describe('infobed evaluate: bad designs → exit 2 naming the field', () => {
  it.each([
    ['noisy-linear', [0, 3, 0, 0, 0, 0, 0, 0, 0, 0], /design\[1\]: 3 is outside/],
    ['noisy-linear', [0, 1], /design: expected 10 design coordinates, got 2/],
    ['linear-gaussian', [0, 0, 0, 0, 0, 0, 0, 0, 0, -2.5], /design\[9\]: -2.5 is outside/],
    ['pharmacokinetic', [1, 2, 3, 4, 30], /design\[4\]: 30 is outside/],
    ['pharmacokinetic', [1, 2, 3, 4, 5, 6], /design: expected 5 design coordinates, got 6/],
  ])('%s %j', async (config, d, msg) => {
    const r = await runCliCaptured(['evaluate', '--config', `configs/${config}.yaml`, '--design', JSON.stringify(d), '--outer', '10', '--inner', '10', '--json', '--quiet', '--backend', 'wasm'], root);
    expect(r.code, r.stderr).toBe(2);
    expect((JSON.parse(r.stdout) as { error: { message: string } }).error.message).toMatch(msg);
  });
});
