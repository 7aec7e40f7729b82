import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BedError, writeFileAtomic } from '@infobed/core';
import type { Command } from 'commander';
import { intArg } from './globalOptions.js';

/** `--resume` and `--checkpoint-every`, for commands that train (design, estimate, meta). */
export interface ResumeFlags {
  readonly resume?: string;
  readonly checkpointEvery?: number;
}

export function addResumeOptions(cmd: Command): Command {
  return cmd
    .option('--resume <run-dir>', 'continue an interrupted run from its checkpoint (same config, same folder)')
    .option('--checkpoint-every <n>', 'save a checkpoint every n steps (0 = only on interruption; default 200)', intArg(0));
}

/** What a run folder records about how it was started, so `--resume` can rebuild it (`checkpoint/run.json`). */
export interface RunOrigin {
  readonly command: string;
  /** The config file as the user named it (error messages). */
  readonly configSource: string;
  /** Folder that config `plugins:` entries are resolved from. */
  readonly pluginBaseDir: string;
  /** Subcommand-specific choices not in the resolved config (e.g. estimate settings). */
  readonly extra?: Record<string, unknown>;
}

export const writeRunOrigin = (dir: string, origin: RunOrigin): void => writeFileAtomic(join(dir, 'checkpoint', 'run.json'), `${JSON.stringify(origin, null, 2)}\n`);

/**
 * Checks a `--resume <dir>` request: no flag that would change the run, a folder with a checkpoint
 * of this `command` and no `result.json` yet. Returns the folder and how the run was started.
 * @param given flag names (without `--`) the user set besides `--resume`, `--json`, `--quiet`.
 */
export function openResume(flags: ResumeFlags & Record<string, unknown>, cwd: string, command: string, allowed: readonly string[] = []): { dir: string; origin: RunOrigin } {
  const dir = resolve(cwd, flags.resume!);
  const ignore = new Set(['resume', 'json', 'quiet', 'plugin', 'checkpointEvery', ...allowed]);
  const clash = Object.keys(flags).filter((k) => !ignore.has(k) && flags[k] !== undefined && flags[k] !== false);
  if (clash.length > 0) {
    const flag = clash[0]!.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    throw new BedError('invalidArgument', `--resume: cannot be combined with --${flag}; a resumed run continues with the config and folder it started with`);
  }
  if (!existsSync(dir)) throw new BedError('invalidArgument', `--resume: ${flags.resume} does not exist`);
  if (existsSync(join(dir, 'result.json'))) throw new BedError('invalidArgument', `--resume: ${flags.resume} already finished (it has result.json); nothing to resume`);
  let origin: RunOrigin;
  try {
    origin = JSON.parse(readFileSync(join(dir, 'checkpoint', 'run.json'), 'utf8')) as RunOrigin;
  } catch (cause) {
    throw new BedError('invalidArgument', `--resume: ${flags.resume} has no checkpoint/run.json (${(cause as NodeJS.ErrnoException).code ?? 'unreadable'}); it is not an interrupted infobed run`, { cause });
  }
  if (origin.command !== command) throw new BedError('invalidArgument', `--resume: ${flags.resume} holds an \`infobed ${origin.command}\` run; resume it with \`infobed ${origin.command} --resume\``);
  return { dir, origin };
}
