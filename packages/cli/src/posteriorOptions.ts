import { BedError } from '@infobed/core';
import type { Command } from 'commander';
import { intArg, numArg } from './globalOptions.js';

/** `--samples` and `--level`, for the commands that draw a posterior (`infer`, `policy infer`). */
export interface PosteriorFlags {
  readonly samples?: number;
  readonly level?: number;
}

export function addPosteriorOptions(cmd: Command): Command {
  return cmd.option('--samples <n>', 'prior draws to weight (default 20000)', intArg(100)).option('--level <p>', 'credible level of the intervals (default 0.95)', numArg);
}

/** `--level` must lie in (0, 1): a usage error (exit 2) otherwise. */
export function checkLevel(level: number | undefined): void {
  if (level !== undefined && !(level > 0 && level < 1)) throw new BedError('invalidArgument', `--level: expected a number in (0, 1), got ${level}`);
}
