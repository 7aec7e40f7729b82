import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../captureCli.js';

const root = resolve(fileURLToPath(import.meta.url), '../../../../..');

describe('infobed sweep (local executor) and infobed collect', () => {
  it('runs the cells in two worker processes, tabulates mean ± CI95 over seeds; a bad cell fails alone (exit 2, not retried)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'infobed-sweep-'));
    writeFileSync(
      join(dir, 'sweep.yaml'),
      [
        'command: design',
        'grid:',
        `  config: [${join(root, 'configs/linear-gaussian.yaml')}]`,
        '  objective: [infonce, no-such-objective]',
        '  seed: [0, 1]',
        'fixed: { steps: 20, batch: 32 }',
        'metrics: [eig.value, mi.bound]',
        'workers: 2',
      ].join('\n'),
    );
    const out = join(dir, 'out');
    const r = await runCliCaptured(['sweep', '--config', join(dir, 'sweep.yaml'), '--out', out], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/2 of 4 cells failed \(c002, c003\)/);
    expect(readFileSync(join(out, 'cells/c002/cell.log'), 'utf8')).toMatch(/objective\.id/);
    const completions = readFileSync(join(out, 'completions.jsonl'), 'utf8').trim().split('\n');
    expect(completions).toHaveLength(2);
    const t = JSON.parse(readFileSync(join(out, 'table.json'), 'utf8'));
    expect(t.completed).toBe(2);
    expect(t.missing).toEqual(['c002', 'c003']);
    const row = t.rows[0];
    expect(row.group.objective).toBe('infonce');
    expect(row.metrics['eig.value'].n).toBe(2);
    // Ground truth per cell: the table's mean is the mean of the two result.json files.
    const eigs = ['c000', 'c001'].map((c) => JSON.parse(readFileSync(join(out, 'cells', c, 'result.json'), 'utf8')).eig.value as number);
    expect(row.metrics['eig.value'].mean).toBeCloseTo((eigs[0]! + eigs[1]!) / 2, 12);
    expect(existsSync(join(out, 'plot-eig-value.png'))).toBe(true);

    // collect again (e.g. after more cells finished elsewhere): same table, JSON on stdout.
    const c = await runCliCaptured(['collect', out, '--no-plots', '--json'], dir);
    expect(c.code).toBe(0);
    expect(JSON.parse(c.stdout).result.rows[0].metrics['eig.value'].mean).toBe(row.metrics['eig.value'].mean);

    // A resumed sweep skips finished cells; --cell outside the grid is a usage error.
    const bad = await runCliCaptured(['sweep', '--resume', out, '--cell', '9'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--cell: 9 is outside the grid \(0…3\)/);
    const one = await runCliCaptured(['sweep', '--resume', out, '--cell', '1', '--json'], dir);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout).result.status).toBe('skipped');
  });

  it('--executor k8s writes an Indexed Job manifest, one index per cell', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'infobed-sweep-'));
    writeFileSync(join(dir, 's.yaml'), `grid:\n  config: [${join(root, 'configs/linear-gaussian.yaml')}]\n  seed: [0, 1, 2]\nmetrics: [eig.value]\n`);
    const r = await runCliCaptured(['sweep', '--config', join(dir, 's.yaml'), '--out', join(dir, 'o'), '--executor', 'k8s', '--json'], dir);
    expect(r.code).toBe(0);
    const job = readFileSync(join(dir, 'o', 'job.yaml'), 'utf8');
    expect(job).toMatch(/completions: 3/);
    expect(job).toMatch(/completionMode: Indexed/);
    expect(existsSync(join(dir, 'o', 'sweep.json'))).toBe(true);
  });
});
