import * as os from 'node:os';
import type { SweepCell } from './expandGrid.js';
import { runCell, type CellOutcome } from './runCell.js';

export interface LocalExecutorOptions {
  readonly cliEntry: string;
  /** Worker processes at a time (default: every available core). */
  readonly workers?: number;
  /** Attempts per cell (a failed attempt is retried in a fresh process). */
  readonly attempts: number;
  readonly onOutcome?: (o: CellOutcome, attempt: number) => void;
}

/**
 * Runs the cells in parallel child processes, `workers` at a time, each with cores ÷ workers GEMM
 * threads (1 when there are as many workers as cores). Cells already finished are skipped, so
 * re-running a sweep resumes it. Returns the last outcome of every cell, in grid order.
 */
export async function runLocal(sweepDir: string, cells: readonly SweepCell[], o: LocalExecutorOptions): Promise<CellOutcome[]> {
  const cores = os.availableParallelism();
  const workers = Math.max(1, Math.min(o.workers ?? cores, cells.length));
  const threads = Math.max(1, Math.floor(cores / workers));
  const out: CellOutcome[] = new Array(cells.length);
  let next = 0;
  const lane = async (w: number): Promise<void> => {
    for (let i; (i = next++) < cells.length; ) {
      for (let attempt = 1; attempt <= o.attempts; attempt++) {
        const r = await runCell(sweepDir, cells[i]!, { cliEntry: o.cliEntry, threads, runner: `local-${w}` });
        out[i] = r;
        o.onOutcome?.(r, attempt);
        if (r.status !== 'failed' || (r.exitCode !== null && r.exitCode >= 2)) break; // usage, numerical, plugin: deterministic, not retried
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, w) => lane(w)));
  return out;
}
