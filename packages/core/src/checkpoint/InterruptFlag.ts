/**
 * A request to stop a long run at its next step boundary (SIGINT, SIGTERM, the parent process
 * gone). Hosts set it (the CLI from signal handlers); loops read it through a `Checkpointer`,
 * save a checkpoint and stop with `BedError('interrupted')`.
 */
export class InterruptFlag {
  private reason: string | undefined;
  /** `performance.now()` of the last time a loop checked this flag (`Checkpointer.atStep`). */
  lastPoll = Number.NEGATIVE_INFINITY;

  /** Whether a checkpointing loop has looked at the flag within `ms`: else nothing will stop at a step boundary. */
  polledWithin(ms: number): boolean {
    return performance.now() - this.lastPoll <= ms;
  }

  /** The reason (`SIGINT`, …) once requested, else `undefined`. */
  get requested(): string | undefined {
    return this.reason;
  }

  /** Asks running loops to stop; the first reason is kept. */
  request(reason: string): void {
    this.reason ??= reason;
  }

  clear(): void {
    this.reason = undefined;
  }
}

/** The process-wide flag the CLI's signal handlers set. */
export const processInterrupt = new InterruptFlag();
