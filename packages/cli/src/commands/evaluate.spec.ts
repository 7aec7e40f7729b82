import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../captureCli.js';
import { parseDesignArg } from './evaluate.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await runCliCaptured(argv, root);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

describe('infobed evaluate', () => {
  it('scores a result.json design on the PK model: sPCE/sNMC bracket near the reference 3.15 ± 0.05', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'infobed-evaluate-'));
    writeFileSync(join(dir, 'result.json'), JSON.stringify({ design: [0.5, 0.5, 5, 20, 21] }));
    const r = await cli(['evaluate', '--config', 'configs/pharmacokinetic.yaml', '--design', join(dir, 'result.json'), '--outer', '300', '--inner', '2000', '--json', '--quiet', '--backend', 'wasm', '--out', dir]);
    expect(r.code, r.err).toBe(0);
    const { result } = JSON.parse(r.out) as { result: { eig: { method: string; value: number; stderr: number; upper: number } } };
    expect(result.eig.method).toBe('spce');
    expect(Math.abs(result.eig.value - 3.15)).toBeLessThanOrEqual(3 * Math.hypot(result.eig.stderr, 0.05));
    expect(result.eig.upper).toBeGreaterThanOrEqual(result.eig.value - 1e-9);
    expect(JSON.parse(readFileSync(join(dir, 'evaluate.json'), 'utf8')).eig).toEqual(result.eig);
  });

  it('exits 2 naming the problem for a wrong-length design or a simulator without a likelihood', async () => {
    const bad = await cli(['evaluate', '--config', 'configs/pharmacokinetic.yaml', '--design', '[1, 2]', '--json', '--quiet', '--backend', 'wasm']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.out).error.message).toMatch(/design: expected 5 design coordinates, got 2/);
    const sir = await cli(['evaluate', '--config', 'configs/sir.yaml', '--preset', 'ci', '--design', '[10, 20, 30]', '--json', '--quiet', '--backend', 'wasm']);
    expect(sir.code).toBe(2);
    expect(JSON.parse(sir.out).error.message).toMatch(/neither a likelihood nor a closed-form EIG/);
  });

  it('parses --design as a JSON array or a file, and rejects anything else', () => {
    expect(parseDesignArg('[1, 2.5]', root)).toEqual([1, 2.5]);
    expect(() => parseDesignArg('1,2', root)).toThrow(/--design: expected a JSON array/);
    expect(() => parseDesignArg('["a"]', root)).toThrow(/--design: expected an array of finite numbers/);
  });
});
