import { startWorker } from '@infobed/sweep';
import { Command } from 'commander';
import type { CliIo } from '../CliIo.js';
import { intArg } from '../globalOptions.js';
import { CLI_ENTRY } from './sweep.js';

interface WorkerFlags {
  readonly redis: string;
  readonly queue: string;
  readonly concurrency: number;
  readonly name?: string;
  readonly lockMs: number;
  readonly stalledMs: number;
  readonly quiet: boolean;
}

/**
 * `infobed worker --redis <url>`: pulls sweep cells from the BullMQ queue and runs each as an
 * ordinary `infobed` run in a child process, until SIGINT/SIGTERM (running cells finish first).
 */
export function makeWorkerCommand(io: CliIo): Command {
  return new Command('worker')
    .description('run sweep cells from a Redis (BullMQ) queue until stopped (docs/sweeps.md)')
    .requiredOption('--redis <url>', 'redis://host:port of the queue')
    .option('--queue <name>', 'BullMQ queue name', 'infobed-sweep')
    .option('--concurrency <n>', 'cells at a time on this machine (GEMM threads per cell = cores ÷ n)', intArg(1), 1)
    .option('--name <name>', 'worker name in completions.jsonl (default <host>-<pid>)')
    .option('--lock-ms <ms>', "a dead worker's cell is retried after this long (BullMQ lockDuration)", intArg(1000), 30_000)
    .option('--stalled-ms <ms>', 'how often to look for cells of dead workers (BullMQ stalledInterval)', intArg(500), 30_000)
    .option('--quiet', 'no progress output', false)
    .action(async (f: WorkerFlags) => {
      const log = (s: string): void => void (f.quiet ? undefined : io.stderr.write(`${s}\n`));
      const w = await startWorker({
        url: f.redis,
        queue: f.queue,
        cliEntry: CLI_ENTRY,
        concurrency: f.concurrency,
        lockMs: f.lockMs,
        stalledMs: f.stalledMs,
        ...(f.name ? { name: f.name } : {}),
        onOutcome: (o) => log(`${o.cell}: ${o.status} (${o.seconds} s)`),
      });
      log(`infobed worker ${w.name}: waiting for cells on ${f.redis} (queue ${f.queue})`);
      await new Promise<void>((done) => {
        const stop = (): void => {
          log(`infobed worker ${w.name}: stopping after the running cells`);
          void w.close().then(done);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
