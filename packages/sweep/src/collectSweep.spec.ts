import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '@infobed/core';
import { describe, expect, it } from 'vitest';
import { collectSweep, writeTables } from './collectSweep.js';
import { expandGrid } from './expandGrid.js';
import { SweepConfigSchema } from './SweepConfigSchema.js';
import { cellDir, writePlan } from './sweepPlan.js';

/** A sweep folder with hand-written results: objective a → eig 1..5 over seeds, b → 10, 12 (seed 2 missing). */
function fixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'infobed-collect-'));
  const config = SweepConfigSchema.parse({ grid: { objective: ['a', 'b'], seed: [0, 1, 2, 3, 4] }, metrics: ['eig.value', 'mi.bound'] });
  const cells = expandGrid(config, dir);
  writePlan(dir, { source: join(dir, 'sweep.yaml'), config, cells });
  for (const c of cells) {
    const seed = c.axes.seed as number;
    if (c.axes.objective === 'b' && seed >= 2) continue;
    const eig = c.axes.objective === 'a' ? seed + 1 : 10 + 2 * seed;
    writeFileAtomic(join(cellDir(dir, c), 'result.json'), JSON.stringify({ eig: { value: eig }, mi: { bound: eig / 2 } }));
    appendFileSync(join(dir, 'completions.jsonl'), `${JSON.stringify({ cell: c.id })}\n`);
  }
  return dir;
}

describe('collectSweep', () => {
  it('averages each metric over seeds per grid point with a Student-t CI95, and lists missing cells', () => {
    const t = collectSweep(fixture());
    expect(t.axes).toEqual(['objective']);
    expect(t.cells).toBe(10);
    expect(t.completed).toBe(7);
    expect(t.missing).toEqual(['c007', 'c008', 'c009']);
    expect(t.duplicated).toEqual([]);
    const a = t.rows.find((r) => r.group.objective === 'a')!;
    expect(a.seeds).toEqual([0, 1, 2, 3, 4]);
    expect(a.metrics['eig.value']!.mean).toBe(3);
    expect(a.metrics['eig.value']!.ci95).toBeCloseTo((2.776 * Math.sqrt(2.5)) / Math.sqrt(5), 12);
    expect(a.metrics['mi.bound']!.mean).toBe(1.5);
    const b = t.rows.find((r) => r.group.objective === 'b')!;
    expect(b.metrics['eig.value']!.n).toBe(2);
    expect(b.metrics['eig.value']!.mean).toBe(11);
    expect(b.metrics['eig.value']!.ci95).toBeCloseTo((12.706 * Math.sqrt(2)) / Math.sqrt(2), 12);
  });

  it('writes table.md / .csv / .json; a cell completed twice is reported as duplicated', () => {
    const dir = fixture();
    appendFileSync(join(dir, 'completions.jsonl'), `${JSON.stringify({ cell: 'c001' })}\n`);
    const t = writeTables(dir);
    expect(t.duplicated).toEqual(['c001']);
    const md = readFileSync(join(dir, 'table.md'), 'utf8');
    expect(md).toContain('| a | 3.000 ± 1.963 (5) | 1.500 ± 0.981 (5) |');
    expect(md).toContain('7 of 10 cells collected; missing: c007, c008, c009.');
    const csv = readFileSync(join(dir, 'table.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('objective,metric,n,mean,sd,ci95,values');
    expect(csv).toHaveLength(1 + 2 * 2);
    expect(csv[1]).toMatch(/^a,eig\.value,5,3,1\.58113883\d*,1\.96\d*,1 2 3 4 5$/);
    expect(JSON.parse(readFileSync(join(dir, 'table.json'), 'utf8')).completed).toBe(7);
  });

  it('evaluate cells are read from evaluate.json (what `infobed evaluate --out` writes)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'infobed-collect-'));
    const config = SweepConfigSchema.parse({ command: 'evaluate', grid: { design: ['[1, 2]'], seed: [0, 1] }, metrics: ['eig.value'] });
    const cells = expandGrid(config, dir);
    writePlan(dir, { source: join(dir, 's.yaml'), config, cells });
    cells.forEach((c, i) => writeFileAtomic(join(cellDir(dir, c), 'evaluate.json'), JSON.stringify({ eig: { value: 2 + i } })));
    const t = collectSweep(dir);
    expect(t.completed).toBe(2);
    expect(t.rows[0]!.metrics['eig.value']!.mean).toBe(2.5);
  });

  it('refuses a folder without sweep.json, and a second, different grid in the same folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'infobed-collect-'));
    expect(() => collectSweep(dir)).toThrow(/not a sweep folder/);
    const d2 = fixture();
    const config = SweepConfigSchema.parse({ grid: { seed: [0] }, metrics: ['x'] });
    expect(() => writePlan(d2, { source: 'x', config, cells: expandGrid(config, d2) })).toThrow(/holds another sweep/);
  });
});
