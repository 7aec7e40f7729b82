import { spawn } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SweepCell } from './expandGrid.js';
import { cellDir, cellResultFile } from './sweepPlan.js';

/** How a cell ended: `done` (result.json written now), `skipped` (it already existed) or `failed`. */
export interface CellOutcome {
  readonly cell: string;
  readonly status: 'done' | 'skipped' | 'failed';
  readonly exitCode: number | null;
  readonly seconds: number;
}

export interface RunCellOptions {
  /** The CLI entry (`packages/cli/src/bin.ts`), run with tsx in a child process. */
  readonly cliEntry: string;
  /** GEMM threads for the child (`INFOBED_GEMM_THREADS`). */
  readonly threads: number;
  /** Who ran it (`local-2`, `worker-<host>-<pid>`), recorded in `completions.jsonl`. */
  readonly runner: string;
  readonly signal?: AbortSignal;
}

/** tsx's ESM loader, so the cell is one `node` process (the tsx CLI would add a second one that outlives a SIGKILL). */
const tsxLoader = import.meta.resolve('tsx');
/** `setpriv --pdeathsig KILL` (util-linux): the cell dies with its worker, so a retried cell never races an orphan. */
const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));

/**
 * Runs one cell as an ordinary `infobed` run in its own process, output in `cells/<id>/`
 * (stdout + stderr in `cells/<id>/cell.log`; who runs it and the child's pid in `attempt.json`). A folder without its result file (`cellResultFile`) is the remains
 * of an attempt that died: it is removed first. A folder with it is a finished cell: skipped.
 * Each finished cell appends one line to `<sweepDir>/completions.jsonl`.
 */
export function runCell(sweepDir: string, cell: SweepCell, o: RunCellOptions): Promise<CellOutcome> {
  const dir = cellDir(sweepDir, cell);
  const t0 = Date.now();
  const done = cellResultFile(sweepDir, cell);
  if (existsSync(done)) return Promise.resolve({ cell: cell.id, status: 'skipped', exitCode: 0, seconds: 0 });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const log = openSync(join(dir, 'cell.log'), 'w');
  const argv = ['--import', tsxLoader, o.cliEntry, ...cell.args, '--out', dir, '--quiet'];
  const cmd = setpriv ? setpriv : process.execPath;
  const args = setpriv ? ['--pdeathsig', 'KILL', '--', process.execPath, ...argv] : argv;
  return new Promise((resolveOutcome) => {
    const child = spawn(cmd, args, {
      stdio: ['ignore', log, log],
      env: { ...process.env, INFOBED_GEMM_THREADS: String(o.threads), VITEST: undefined, VITEST_WORKER_ID: undefined, VITEST_POOL_ID: undefined },
      ...(o.signal ? { signal: o.signal } : {}),
    });
    writeFileSync(join(dir, 'attempt.json'), `${JSON.stringify({ runner: o.runner, pid: child.pid, started: new Date(t0).toISOString() })}\n`);
    const finish = (exitCode: number | null): void => {
      closeSync(log);
      const seconds = Math.round((Date.now() - t0) / 100) / 10;
      const ok = exitCode === 0 && existsSync(done);
      if (ok) appendFileSync(join(sweepDir, 'completions.jsonl'), `${JSON.stringify({ cell: cell.id, runner: o.runner, seconds, at: new Date().toISOString() })}\n`);
      resolveOutcome({ cell: cell.id, status: ok ? 'done' : 'failed', exitCode, seconds });
    };
    child.on('error', () => finish(null));
    child.on('exit', (code) => finish(code));
  });
}
