import * as os from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BedError, writeFileAtomic } from '@infobed/core';
import {
  cellDone,
  k8sIndexedJob,
  loadSweepFile,
  readPlan,
  runCell,
  runLocal,
  runOnRedis,
  tableMarkdown,
  writePlan,
  writeSweepPlots,
  writeTables,
  type SweepPlan,
} from '@infobed/sweep';
import { Command, Option } from 'commander';
import type { CliIo } from '../CliIo.js';
import { emitResult } from '../emit.js';
import { defaultOutDir, intArg } from '../globalOptions.js';

/** The CLI entry the cells run (`infobed <command> …` in a child process). */
export const CLI_ENTRY = fileURLToPath(new URL('../bin.ts', import.meta.url));

interface SweepFlags {
  readonly config?: string;
  readonly resume?: string;
  readonly out?: string;
  readonly executor?: 'local' | 'redis' | 'k8s';
  readonly workers?: number;
  readonly redis?: string;
  readonly queue?: string;
  readonly cell?: number;
  readonly image: string;
  readonly claim: string;
  readonly json: boolean;
  readonly quiet: boolean;
}

const kindOfExit = (code: number | null): 'invalidConfig' | 'numerical' | 'pluginLoad' | 'internal' =>
  code === 2 ? 'invalidConfig' : code === 3 ? 'numerical' : code === 4 ? 'pluginLoad' : 'internal';

/** `infobed sweep`: run a grid of ordinary runs and collect mean ± CI95 tables (docs/sweeps.md). */
export function makeSweepCommand(io: CliIo): Command {
  return new Command('sweep')
    .description('run a grid of runs (configs × objectives × presets × seeds × options) and collect mean ± CI95 over seeds')
    .option('--config <file>', 'sweep file (YAML: command, grid, metrics)')
    .option('--resume <dir>', 'an existing sweep folder: run its unfinished cells (or only --cell)')
    .option('--out <dir>', 'sweep folder (default runs/sweep-<timestamp>)')
    .addOption(new Option('--executor <name>', 'where cells run (default: the sweep file, else local)').choices(['local', 'redis', 'k8s']))
    .option('--workers <n>', 'local executor: worker processes (default: every core, 1 GEMM thread each); k8s: parallelism', intArg(1))
    .option('--redis <url>', 'redis executor: redis://host:port (workers: `infobed worker --redis <url>`)')
    .option('--queue <name>', 'redis executor: BullMQ queue name', 'infobed-sweep')
    .option('--cell <index>', 'run only this cell (0-based grid index; the Kubernetes JOB_COMPLETION_INDEX)', intArg(0))
    .option('--image <image>', 'k8s executor: container image with this repository at /app', 'infobed:latest')
    .option('--claim <pvc>', 'k8s executor: PersistentVolumeClaim holding the sweep folder', 'infobed-sweeps')
    .option('--json', 'print exactly one JSON document on stdout', false)
    .option('--quiet', 'no progress output', false)
    .action(async (f: SweepFlags) => {
      if ((f.config === undefined) === (f.resume === undefined)) throw new BedError('invalidArgument', 'sweep: give exactly one of --config <sweep.yaml> or --resume <sweep folder>');
      const log = (s: string): void => void (f.quiet ? undefined : io.stderr.write(`${s}\n`));
      let dir: string;
      let plan: SweepPlan;
      if (f.resume !== undefined) {
        dir = resolve(io.cwd, f.resume);
        plan = readPlan(dir);
      } else {
        plan = loadSweepFile(resolve(io.cwd, f.config!));
        dir = resolve(io.cwd, f.out ?? defaultOutDir('sweep'));
        writePlan(dir, plan);
      }
      if (f.cell !== undefined) {
        const cell = plan.cells[f.cell];
        if (cell === undefined) throw new BedError('invalidArgument', `--cell: ${f.cell} is outside the grid (0…${plan.cells.length - 1})`);
        const r = await runCell(dir, cell, { cliEntry: CLI_ENTRY, threads: Number(process.env.INFOBED_GEMM_THREADS) || os.availableParallelism(), runner: `cell-${os.hostname()}` });
        if (r.status === 'failed') throw new BedError(kindOfExit(r.exitCode), `cell ${cell.id} (${cell.args.join(' ')}) exited ${r.exitCode}; see ${dir}/cells/${cell.id}/cell.log`);
        emitResult(io, f.json, { sweepDir: dir, ...r }, `cell ${cell.id}: ${r.status} (${r.seconds} s) → ${dir}/cells/${cell.id}`);
        return;
      }
      const executor = f.executor ?? plan.config.executor;
      const todo = plan.cells.filter((c) => !cellDone(dir, c));
      log(`infobed sweep: ${plan.cells.length} cells (${todo.length} to run) · executor ${executor} → ${dir}`);
      const failed: { id: string; exitCode: number | null }[] = [];
      if (executor === 'k8s') {
        const name = `infobed-sweep-${dir.split('/').pop()!.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`.slice(0, 63).replace(/-+$/, '');
        const yaml = k8sIndexedJob({ name, image: f.image, cells: plan.cells.length, parallelism: f.workers ?? plan.config.workers ?? 4, sweepDir: dir, claim: f.claim, attempts: plan.config.attempts, cpu: 1 });
        writeFileAtomic(resolve(dir, 'job.yaml'), yaml);
        emitResult(io, f.json, { sweepDir: dir, manifest: resolve(dir, 'job.yaml'), cells: plan.cells.length }, `wrote ${dir}/job.yaml (${plan.cells.length} indexes): kubectl apply -f ${dir}/job.yaml, then infobed collect ${dir}`);
        return;
      }
      if (executor === 'redis') {
        if (f.redis === undefined) throw new BedError('invalidArgument', '--redis: the redis executor needs a URL, e.g. --redis redis://localhost:6379');
        const r = await runOnRedis(dir, todo, { url: f.redis, queue: f.queue, attempts: plan.config.attempts, onProgress: (d, x, n) => log(`  ${d}/${n} cells done, ${x} failed`) });
        failed.push(...r.failed.map((id) => ({ id, exitCode: null })));
      } else {
        const outcomes = await runLocal(dir, todo, {
          cliEntry: CLI_ENTRY,
          ...(f.workers ?? plan.config.workers ? { workers: f.workers ?? plan.config.workers } : {}),
          attempts: plan.config.attempts,
          onOutcome: (o, attempt) => log(`  ${o.cell}: ${o.status}${o.status === 'failed' ? ` (exit ${o.exitCode}, attempt ${attempt})` : ''} ${o.seconds} s`),
        });
        failed.push(...outcomes.filter((o) => o.status === 'failed').map((o) => ({ id: o.cell, exitCode: o.exitCode })));
      }
      const table = writeTables(dir);
      await writeSweepPlots(dir, table);
      if (failed.length > 0)
        throw new BedError(kindOfExit(failed[0]!.exitCode), `sweep ${dir}: ${failed.length} of ${plan.cells.length} cells failed (${failed.map((x) => x.id).join(', ')}); see cells/<id>/cell.log; the others are in table.md`);
      emitResult(io, f.json, { sweepDir: dir, table }, `${tableMarkdown(table)}\nresults: ${dir}/table.md (.csv, .json, plot-*.png)`);
    });
}
