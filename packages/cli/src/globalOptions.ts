import { BACKEND_PREFERENCES, type BackendPreference } from '@infobed/core';
import { InvalidArgumentError, Option, type Command } from 'commander';

/** Options every subcommand accepts (specs/cli.md). */
export interface GlobalOptions {
  readonly config?: string;
  readonly out?: string;
  readonly seed?: number;
  readonly backend?: BackendPreference;
  readonly plugin: string[];
  readonly json: boolean;
  readonly quiet: boolean;
  /** GEMM threads (sets `INFOBED_GEMM_THREADS`; default every available core). */
  readonly threads?: number;
}

/** Parses a non-negative integer flag value; commander reports the flag name on failure. */
export const intArg =
  (min = 0) =>
  (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected an integer ≥ ${min}, got "${v}"`);
    return n;
  };

/** Parses a finite number flag value. */
export const numArg = (v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new InvalidArgumentError(`expected a number, got "${v}"`);
  return n;
};

const collect = (v: string, prev: string[]): string[] => [...prev, v];

export function addGlobalOptions(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'YAML config; flags override its fields')
    .option('--out <dir>', 'output folder (default runs/<subcommand>-<timestamp>)')
    .option('--seed <n>', 'seed for every random stream', intArg(0))
    .addOption(new Option('--backend <name>', 'TF.js backend').choices(BACKEND_PREFERENCES as string[]))
    .option('--plugin <path-or-package>', 'load a third-party plugin (repeatable)', collect, [])
    .option('--json', 'print exactly one JSON document on stdout', false)
    .option('--quiet', 'no progress output', false)
    .option('--threads <n>', 'native GEMM threads (default: every available core; env INFOBED_GEMM_THREADS)', intArg(1));
}

/** `runs/<subcommand>-<YYYYMMDD-HHMMSS>`. */
export function defaultOutDir(sub: string, now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return `runs/${sub}-${stamp}`;
}
