/** One long loop's progress. */
export interface ProgressTask {
  /** `done` steps of `total`; `fields` are shown beside the bar (`bound`, `design`, …). */
  update(done: number, fields?: Readonly<Record<string, string | number>>): void;
  /** Ends the bar (also on failure). */
  stop(): void;
}

/** Where library loops report progress. The CLI binds a stderr bar; tests and programs bind `silentProgress`. */
export interface ProgressReporter {
  start(label: string, total: number): ProgressTask;
  /** A log line (stderr in the CLI). */
  log(message: string): void;
}

/** Reports nothing. */
export const silentProgress: ProgressReporter = {
  start: () => ({ update: () => undefined, stop: () => undefined }),
  log: () => undefined,
};
