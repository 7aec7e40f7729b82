import { processInterrupt } from '@infobed/core';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * While a command runs: the first SIGINT / SIGTERM / SIGHUP asks the running loop to checkpoint
 * and stop (`processInterrupt`; the command then exits 130 with an `interrupted` error); a second
 * one exits at once with 130. With `watchParent`, the death of the parent process (a killed
 * `tsx` / `pnpm` wrapper) counts as SIGHUP, so no orphaned worker keeps computing.
 * Returns the uninstaller.
 */
export function installInterruptHandlers(o: { readonly watchParent?: boolean } = {}): () => void {
  processInterrupt.clear();
  const onSignal = (sig: NodeJS.Signals): void => {
    if (processInterrupt.requested !== undefined) process.exit(130);
    processInterrupt.request(sig);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  const ppid = process.ppid;
  const timer = o.watchParent
    ? setInterval(() => {
        if (process.ppid !== ppid) processInterrupt.request('SIGHUP (the parent process exited)');
      }, 250).unref()
    : undefined;
  return () => {
    for (const s of SIGNALS) process.off(s, onSignal);
    if (timer) clearInterval(timer);
  };
}
