import { resolve } from 'node:path';
import { tableMarkdown, writeSweepPlots, writeTables } from '@infobed/sweep';
import { Command } from 'commander';
import type { CliIo } from '../CliIo.js';
import { emitResult } from '../emit.js';

/** `infobed collect <sweep dir>`: mean ± CI95 over seeds as table.md / table.csv / table.json and plots. */
export function makeCollectCommand(io: CliIo): Command {
  return new Command('collect')
    .description('collect a sweep folder: mean ± CI95 over seeds per grid point (table.md, table.csv, table.json, plot-<metric>.png)')
    .argument('<dir>', 'sweep folder (holds sweep.json)')
    .option('--no-plots', 'tables only')
    .option('--json', 'print exactly one JSON document on stdout', false)
    .action(async (d: string, f: { plots: boolean; json: boolean }) => {
      const dir = resolve(io.cwd, d);
      const table = writeTables(dir);
      const plots = f.plots ? await writeSweepPlots(dir, table) : [];
      emitResult(io, f.json, { sweepDir: dir, plots, ...table }, `${tableMarkdown(table)}\nwrote ${dir}/table.md, table.csv, table.json${plots.length ? ` and ${plots.length} plot(s)` : ''}`);
    });
}
