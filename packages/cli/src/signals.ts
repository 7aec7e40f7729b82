import { processInterrupt } from '@infobed/core';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * While a command runs: the first SIGINT / SIGTERM / SIGHUP asks the running loop to checkpoint
 * and stop (`processInterrupt`; the command then exits 130 with an `interrupted` error); a second
 * one, or one that arrives when no checkpointing loop is running, calls `stopNow` (the one-line
 * message / JSON document) and exits at once with 130. With `watchParent`, the death of the parent process (a killed
 * `tsx` / `pnpm` wrapper) counts as SIGHUP, so no orphaned worker keeps computing.
 * Returns the uninstaller.
 */
export function installInterruptHandlers(o: { readonly watchParent?: boolean; readonly stopNow?: (reason: string) => void } = {}): () => void {
  processInterrupt.clear();
  const stop = (reason: string): void => {
    // No checkpointing loop is running (setup, plots, a command without checkpoints): stop now.
    if (processInterrupt.requested !== undefined || !processInterrupt.polledWithin(1000)) {
      o.stopNow?.(reason);
      process.exit(130);
    }
    processInterrupt.request(reason);
  };
  const onSignal = (sig: NodeJS.Signals): void => stop(sig);
  for (const s of SIGNALS) process.on(s, onSignal);
  const ppid = process.ppid;
  const timer = o.watchParent
    ? setInterval(() => {
        if (process.ppid !== ppid && processInterrupt.requested === undefined) stop('SIGHUP (the parent process exited)');
      }, 250).unref()
    : undefined;
  return () => {
    for (const s of SIGNALS) process.off(s, onSignal);
    if (timer) clearInterval(timer);
  };
}
