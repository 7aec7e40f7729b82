import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BedError, parseWithSchema, readYaml, writeFileAtomic } from '@infobed/core';
import { expandGrid, type SweepCell } from './expandGrid.js';
import { SweepConfigSchema, type SweepConfig } from './SweepConfigSchema.js';

/** `sweep.json` in the sweep folder: what every executor and `infobed collect` read. */
export interface SweepPlan {
  readonly source: string;
  readonly config: SweepConfig;
  readonly cells: readonly SweepCell[];
}

/** Reads and validates a sweep file and expands its grid (`config` paths relative to the file). */
export function loadSweepFile(file: string): SweepPlan {
  const abs = resolve(file);
  const config = parseWithSchema(SweepConfigSchema, readYaml(abs), file);
  return { source: abs, config, cells: expandGrid(config, dirname(abs)) };
}

export const planFile = (sweepDir: string): string => join(sweepDir, 'sweep.json');
export const cellDir = (sweepDir: string, cell: SweepCell): string => join(sweepDir, 'cells', cell.id);
/** The file whose presence means the cell finished: `result.json`, or `evaluate.json` for `infobed evaluate` cells (both written last, atomically). */
export const cellResultFile = (sweepDir: string, cell: SweepCell): string => join(cellDir(sweepDir, cell), cell.args[0] === 'evaluate' ? 'evaluate.json' : 'result.json');
export const cellDone = (sweepDir: string, cell: SweepCell): boolean => existsSync(cellResultFile(sweepDir, cell));

/**
 * Writes `sweep.json`; if the folder already holds a plan (a resumed sweep), it must be the same
 * grid, or the run stops with `invalidArgument` rather than mix two sweeps in one folder.
 */
export function writePlan(sweepDir: string, plan: SweepPlan): void {
  const file = planFile(sweepDir);
  if (existsSync(file)) {
    const old = readPlan(sweepDir);
    if (JSON.stringify(old.cells) !== JSON.stringify(plan.cells))
      throw new BedError('invalidArgument', `--out ${sweepDir}: holds another sweep (its sweep.json has a different grid); choose a new folder`);
    return;
  }
  writeFileAtomic(file, `${JSON.stringify(plan, null, 2)}\n`);
}

/** Reads `<sweepDir>/sweep.json`; `invalidArgument` naming the folder when it is not a sweep. */
export function readPlan(sweepDir: string): SweepPlan {
  const file = planFile(sweepDir);
  if (!existsSync(file)) throw new BedError('invalidArgument', `${sweepDir}: not a sweep folder (no sweep.json)`);
  return JSON.parse(readFileSync(file, 'utf8')) as SweepPlan;
}
