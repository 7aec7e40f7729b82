import { BedError, exitCodeFor } from '@infobed/core';
import type { CliIo } from './CliIo.js';

/** Prints a result: one JSON document with `--json`, else the human summary. */
export function emitResult(io: CliIo, json: boolean, result: unknown, human: string): void {
  io.stdout.write(json ? `${JSON.stringify({ ok: true, result })}\n` : `${human}\n`);
}

/** Prints an error (JSON on stdout with `--json`, one line on stderr otherwise) and returns the exit code. */
export function emitError(io: CliIo, json: boolean, error: unknown): number {
  const code = exitCodeFor(error);
  const kind = BedError.is(error) ? error.kind : 'internal';
  const message = error instanceof Error ? error.message : String(error);
  if (json) io.stdout.write(`${JSON.stringify({ ok: false, error: { kind, message } })}\n`);
  const prefix = kind === 'internal' && !BedError.is(error) ? 'infobed: internal error: ' : 'infobed: ';
  io.stderr.write(`${prefix}${message}\n`);
  if (kind === 'internal' && process.env.INFOBED_DEBUG && error instanceof Error) io.stderr.write(`${error.stack}\n`);
  return code;
}
