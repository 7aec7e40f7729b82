import { describe, expect, it } from 'vitest';
import { benchmarkTable } from './benchmarkTable.js';
import type { EstimateRow } from './EstimateRow.js';

const row = (objective: string, task: string, trueMi: number, heldOut: number, heldOutSd: number, seconds: number): EstimateRow => ({
  objective, critic: 'separable', criticSource: 'fallback', task, dim: 1, transform: '-', trueMi, estimate: heldOut + 0.1, bias: 0.1, std: 0.2,
  estimateSd: 0.05, heldOut, heldOutBias: heldOut - trueMi, heldOutSd, bound: 0, runs: 3, lr: 1e-3, lrSchedule: 'constant', stepsPerStage: 300, diverged: 0, stepsPerSecond: 10, seconds, backend: 'wasm', options: {},
});

describe(benchmarkTable, () => {
  it('lays tasks out as lines and objectives as columns, held-out mean ± sd, and sums seconds per objective', () => {
    const md = benchmarkTable([
      row('infonce', 'a', 0.4, 0.38, 0.01, 2),
      { ...row('infonce', 'b', 1, 0.9, 0.02, 3), diverged: 1, error: 'nwj: mi is NaN' },
      row('nwj', 'a', 0.4, 0.41, 0.03, 4),
      { ...row('nwj', 'b', 1, Number.NaN, Number.NaN, 1), diverged: 3, error: 'boom' },
      { ...row('infonce', 'c', 2, 1.5, 0, 1), diverged: 2, error: 'boom' },
    ]);
    expect(md.trim().split('\n')).toEqual([
      '| task | true MI | infonce (separable) | nwj (separable) |',
      '|---|---|---|---|',
      '| a | 0.400 | 0.38 ± 0.01 | 0.41 ± 0.03 |',
      '| b | 1.000 | 0.90 ± 0.02 (1/3 diverged) | diverged (3/3) |',
      '| c | 2.000 | 1.50 (2/3 diverged) |  |',
      '| seconds (all tasks, all runs) | | 6 | 5 |',
    ]);
  });
});
