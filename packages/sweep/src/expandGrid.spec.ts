import { describe, expect, it } from 'vitest';
import { expandGrid } from './expandGrid.js';
import { SweepConfigSchema } from './SweepConfigSchema.js';

describe('expandGrid', () => {
  const cfg = SweepConfigSchema.parse({
    command: 'design',
    grid: { config: ['configs/a.yaml', '/abs/b.yaml'], objective: ['infonce', 'nwj'], seed: [0, 1, 2], options: [{}, { steps: 50, 'no-plots': true }] },
    metrics: ['eig.value'],
    fixed: { quiet: true, batch: 64 },
  });
  const cells = expandGrid(cfg, '/sweeps');

  it('is the Cartesian product in file order, the last axis fastest, with stable ids', () => {
    expect(cells).toHaveLength(2 * 2 * 3 * 2);
    expect(cells.map((c) => c.index)).toEqual([...Array(24).keys()]);
    expect(cells[0]!.id).toBe('c000');
    expect(cells[23]!.id).toBe('c023');
    expect(cells[1]!.axes).toEqual({ config: 'configs/a.yaml', objective: 'infonce', seed: 0, options: 'steps=50 no-plots=true' });
    expect(cells[0]!.axes.options).toBe('(none)');
    expect(cells[2]!.axes.seed).toBe(1);
    expect(cells[12]!.axes.config).toBe('/abs/b.yaml');
  });

  it('turns axes into flags: config resolved against the sweep file, options and fixed flags expanded, true → bare flag', () => {
    expect(cells[1]!.args).toEqual(['design', '--config', '/sweeps/configs/a.yaml', '--objective', 'infonce', '--seed', '0', '--steps', '50', '--no-plots', '--quiet', '--batch', '64']);
    expect(cells[12]!.args.slice(0, 3)).toEqual(['design', '--config', '/abs/b.yaml']);
  });

  it('the schema rejects an empty axis and a missing metrics list', () => {
    expect(SweepConfigSchema.safeParse({ grid: { seed: [] }, metrics: ['x'] }).success).toBe(false);
    expect(SweepConfigSchema.safeParse({ grid: { seed: [0] } }).success).toBe(false);
    expect(SweepConfigSchema.safeParse({ grid: { 'Bad Axis': [0] }, metrics: ['x'] }).success).toBe(false);
  });
});
