import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BedError } from '@infobed/core';

/** Kernel pseudo-filesystems: writing results there hangs or fails in odd ways. */
const FORBIDDEN = ['/proc', '/sys', '/dev'];
/** Files that mark a folder as holding a run. */
const RUN_MARKERS = ['result.json', 'config.resolved.yaml', 'config.resolved.json', 'checkpoint/state.ibck'];
export const LOCK_FILE = '.infobed.lock';

/**
 * A locked output folder; `release()` removes the lock (also on process exit), and removes the
 * folder too when this run created it and left nothing in it but `checkpoint/run.json` (a run that
 * failed before computing anything, e.g. on an unknown objective), so no empty run folders pile up.
 */
export interface RunFolder {
  readonly dir: string;
  release(): void;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The real path of `p`'s deepest existing ancestor, joined with the rest (symlinks into /proc are caught). */
function realish(p: string): string {
  let head = p;
  const tail: string[] = [];
  while (!existsSync(head)) {
    const up = dirname(head);
    if (up === head) break;
    tail.unshift(head.slice(up.length).replace(/^\//, ''));
    head = up;
  }
  try {
    return join(realpathSync(head), ...tail);
  } catch {
    return p;
  }
}

/**
 * Validates and locks a run's output folder before any work (specs/cli.md `--out`): refuses kernel
 * pseudo-filesystems (`/proc`, `/sys`, `/dev`), an existing file, a folder that already holds another
 * run (unless `resume`), and a folder another live `infobed` process has locked. Creates the folder
 * and `.infobed.lock` (pid). All refusals are `invalidArgument` naming `flag` (exit 2).
 */
export function lockRunFolder(path: string, cwd: string, o: { readonly flag?: string; readonly resume?: boolean } = {}): RunFolder {
  const dir = checkOutPath(path, cwd, o.flag ?? '--out');
  return lockChecked(dir, path, o);
}

/** The checks every `--out` gets, also for commands that add a file to an existing folder (`evaluate`): no kernel pseudo-filesystem, not a file. */
export function checkOutPath(path: string, cwd: string, flag = '--out'): string {
  const dir = resolve(cwd, path);
  const real = realish(dir);
  if (FORBIDDEN.some((f) => real === f || real.startsWith(`${f}/`))) {
    throw new BedError('invalidArgument', `${flag}: ${path} is inside ${real.split('/').slice(0, 2).join('/')}, a kernel pseudo-filesystem; choose a folder on disk`);
  }
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new BedError('invalidArgument', `${flag}: ${path} is a file, expected a folder (new or empty)`);
  return dir;
}

function lockChecked(dir: string, path: string, o: { readonly flag?: string; readonly resume?: boolean }): RunFolder {
  const flag = o.flag ?? '--out';
  if (!o.resume && existsSync(dir)) {
    const held = RUN_MARKERS.filter((f) => existsSync(join(dir, f)));
    if (held.length > 0) {
      throw new BedError('invalidArgument', `${flag}: ${path} already holds a run (${held.join(', ')}); choose a new folder, or continue an unfinished run with --resume ${path}`);
    }
  }
  const created = !existsSync(dir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (cause) {
    throw new BedError('invalidArgument', `${flag}: cannot create ${path} (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message})`, { cause });
  }
  const lock = join(dir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST' || attempt > 0) throw new BedError('invalidArgument', `${flag}: cannot write to ${path} (${code ?? (cause as Error).message})`, { cause });
      const pid = Number.parseInt(readFileSync(lock, 'utf8'), 10);
      if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) {
        throw new BedError('invalidArgument', `${flag}: ${path} is in use by another infobed run (pid ${pid}); wait for it or choose another folder`);
      }
      unlinkSync(lock); // stale: its process is gone
    }
  }
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.off('exit', release);
    try {
      unlinkSync(lock);
    } catch {
      // already gone
    }
    if (created && holdsOnlyRunOrigin(dir)) rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', release);
  return { dir, release };
}

/** True when `dir` holds nothing but `checkpoint/run.json` (how the run was started, no work). */
function holdsOnlyRunOrigin(dir: string): boolean {
  try {
    const top = readdirSync(dir);
    return top.length === 1 && top[0] === 'checkpoint' && readdirSync(join(dir, 'checkpoint')).every((f) => f === 'run.json');
  } catch {
    return false;
  }
}
