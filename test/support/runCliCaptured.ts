import { Writable } from 'node:stream';
import { runCli } from '@infobed/cli';

export interface Captured {
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

/** Runs `infobed <argv>` in-process with captured streams. */
export async function runCliCaptured(argv: string[], cwd: string): Promise<Captured> {
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await runCli(argv, { stdout, stderr, stderrIsTTY: false, cwd });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
