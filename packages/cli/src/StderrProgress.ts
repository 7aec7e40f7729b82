import type { ProgressReporter, ProgressTask } from '@infobed/core';
import cliProgress from 'cli-progress';

export type ProgressMode = 'bar' | 'lines' | 'off';

/**
 * Progress on stderr: a bar on a TTY, a line every 10% otherwise (and with `--json`), nothing
 * with `--quiet`. Never writes to stdout.
 */
export class StderrProgress implements ProgressReporter {
  constructor(
    private readonly mode: ProgressMode,
    private readonly stream: NodeJS.WritableStream = process.stderr,
  ) {}

  start(label: string, total: number): ProgressTask {
    if (this.mode === 'off') return { update: () => undefined, stop: () => undefined };
    if (this.mode === 'bar') {
      const bar = new cliProgress.SingleBar(
        { stream: this.stream, format: `${label} [{bar}] {percentage}% {value}/{total} | eta {eta_formatted} | {fields}`, hideCursor: true, etaBuffer: 50 },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0, { fields: '' });
      return {
        update: (done, fields) => bar.update(done, { fields: fmt(fields) }),
        stop: () => bar.stop(),
      };
    }
    const t0 = Date.now();
    let nextPct = 10;
    return {
      update: (done, fields) => {
        const pct = (100 * done) / total;
        if (pct + 1e-9 < nextPct && done !== total) return;
        nextPct = Math.floor(pct / 10) * 10 + 10;
        this.stream.write(`${label}: ${done}/${total} (${pct.toFixed(0)}%, ${((Date.now() - t0) / 1000).toFixed(1)} s) ${fmt(fields)}\n`);
      },
      stop: () => undefined,
    };
  }

  log(message: string): void {
    if (this.mode !== 'off') this.stream.write(`${message}\n`);
  }
}

const fmt = (f?: Readonly<Record<string, string | number>>): string =>
  f ? Object.entries(f).map(([k, v]) => `${k} ${v}`).join(' · ') : '';
