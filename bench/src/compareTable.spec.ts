import { describe, expect, it } from 'vitest';
import { compareTable, median } from './compareTable.js';

describe('compareTable', () => {
  it('median of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('reports per-round ratios, the ratio of the medians and the verdict per workload', () => {
    const rows = [1, 2, 3].flatMap((round) => [
      { round, workload: 'sep64', ours: 100 + round, torch: 50, oursCpuMs: 10, torchCpuMs: 20, load1: 1 + round / 10 },
      { round, workload: 'sep256', ours: 40, torch: 50 + round, oursCpuMs: 30, torchCpuMs: 25, load1: 1 },
    ]);
    const t = compareTable(rows, 'ours', 'PyTorch');
    expect(t).toContain('| sep64 | 50.0 (50.0 / 50.0 / 50.0) | 102.0 (101.0 / 102.0 / 103.0) | 2.02 / 2.04 / 2.06 | 2.04 | 10.0 / 20.0 | yes |');
    expect(t).toContain('| sep256 | 52.0 (51.0 / 52.0 / 53.0) | 40.0 (40.0 / 40.0 / 40.0) | 0.78 / 0.77 / 0.75 | 0.77 | 30.0 / 25.0 | no |');
    expect(t).toContain('load1 during the sitting: 1.00–1.30 (3 rounds)');
  });
});
