/** Where the CLI writes: stdout carries results only; stderr carries progress, logs and errors. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Whether stderr is a terminal (bars) or not (periodic lines). */
  readonly stderrIsTTY: boolean;
  /** Working directory for relative paths (`--out`, `--plugin`). */
  readonly cwd: string;
}

export const processIo = (): CliIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  stderrIsTTY: Boolean(process.stderr.isTTY),
  cwd: process.cwd(),
});
