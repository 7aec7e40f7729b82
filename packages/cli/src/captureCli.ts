import { Writable } from 'node:stream';
import { runCli } from './program.js';

/** What one in-process `infobed` run printed, and its exit code. */
export interface CapturedRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Runs `infobed <argv>` in-process from `cwd` with captured streams (tests, programs embedding the CLI). */
export async function runCliCaptured(argv: readonly string[], cwd: string): Promise<CapturedRun> {
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await runCli(argv, { stdout, stderr, stderrIsTTY: false, cwd });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
