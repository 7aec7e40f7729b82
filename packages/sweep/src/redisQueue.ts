import { createHash } from 'node:crypto';
import * as os from 'node:os';
import { resolve } from 'node:path';
import { BedError } from '@infobed/core';
import { Job, Queue, Worker } from 'bullmq';
import type { SweepCell } from './expandGrid.js';
import { runCell, type CellOutcome } from './runCell.js';

/** What a BullMQ job carries: the sweep folder (the same path on every worker machine) and the cell. */
export interface CellJob {
  readonly sweepDir: string;
  readonly cell: SweepCell;
}

export const DEFAULT_QUEUE = 'infobed-sweep';

/** `redis://[user:pass@]host[:port][/db]` → ioredis options (BullMQ workers need `maxRetriesPerRequest: null`). */
export function redisOptions(url: string): { host: string; port: number; db: number; username?: string; password?: string; maxRetriesPerRequest: null } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new BedError('invalidArgument', `--redis: expected a URL like redis://localhost:6379, got "${url}"`);
  }
  if (u.protocol !== 'redis:') throw new BedError('invalidArgument', `--redis: expected a redis:// URL, got "${url}"`);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new BedError('invalidArgument', `--redis: database "${u.pathname.slice(1)}" is not a number`);
  return {
    host: u.hostname || 'localhost',
    port: u.port ? Number(u.port) : 6379,
    db,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    maxRetriesPerRequest: null,
  };
}

/** BullMQ job id of a cell: unique per sweep folder, so re-enqueueing a resumed sweep adds nothing twice. */
export const jobId = (sweepDir: string, cell: SweepCell): string =>
  `${createHash('sha1').update(resolve(sweepDir)).digest('hex').slice(0, 12)}-${cell.id}`;

export interface EnqueueOptions {
  readonly url: string;
  readonly queue?: string;
  readonly attempts: number;
  /** Called every poll with the number of finished and failed cells. */
  readonly onProgress?: (done: number, failed: number, total: number) => void;
  readonly pollMs?: number;
}

/**
 * Enqueues every cell not finished yet (one job each; a job that failed in an earlier run of the
 * same sweep is retried) and waits until each job has completed or failed for good. Workers
 * (`infobed worker --redis <url>`) do the work; a job whose worker dies is moved back to the
 * queue by BullMQ's stalled-job check and run again, up to `attempts` times.
 */
export async function runOnRedis(sweepDir: string, cells: readonly SweepCell[], o: EnqueueOptions): Promise<{ completed: string[]; failed: string[] }> {
  const queue = new Queue<CellJob>(o.queue ?? DEFAULT_QUEUE, { connection: redisOptions(o.url) });
  try {
    const dir = resolve(sweepDir);
    const ids = cells.map((c) => jobId(dir, c));
    for (const c of cells) {
      const id = jobId(dir, c);
      const old = await Job.fromId<CellJob>(queue, id);
      if (old !== undefined && (await old.getState()) === 'failed') await old.retry('failed');
      else if (old === undefined)
        await queue.add(c.id, { sweepDir: dir, cell: c }, { jobId: id, attempts: o.attempts, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: false, removeOnFail: false });
    }
    for (;;) {
      const states = await Promise.all(ids.map(async (id) => (await Job.fromId(queue, id))?.getState() ?? 'unknown'));
      const completed = cells.filter((_, i) => states[i] === 'completed').map((c) => c.id);
      const failed = cells.filter((_, i) => states[i] === 'failed').map((c) => c.id);
      o.onProgress?.(completed.length, failed.length, cells.length);
      if (completed.length + failed.length === cells.length) return { completed, failed };
      await new Promise((r) => setTimeout(r, o.pollMs ?? 1000));
    }
  } finally {
    await queue.close();
  }
}

export interface WorkerOptions {
  readonly url: string;
  readonly queue?: string;
  readonly cliEntry: string;
  /** Cells at a time in this worker (default 1); GEMM threads per cell = cores ÷ concurrency. */
  readonly concurrency?: number;
  /** Name in `completions.jsonl` (default `<host>-<pid>`). */
  readonly name?: string;
  /** BullMQ lock (ms): a dead worker's cell is retried this long after it died (default 30 s). */
  readonly lockMs?: number;
  /** How often this worker looks for stalled jobs (ms; default 30 s). */
  readonly stalledMs?: number;
  /** Attempts before a cell that keeps stalling is failed (default 3). */
  readonly maxStalled?: number;
  readonly onOutcome?: (o: CellOutcome) => void;
}

/**
 * Starts a BullMQ worker that runs sweep cells as child processes (each an ordinary `infobed`
 * run writing into the sweep folder). Resolves once connected; `close()` lets running cells finish.
 */
export async function startWorker(o: WorkerOptions): Promise<{ close: () => Promise<void>; name: string }> {
  const concurrency = o.concurrency ?? 1;
  const threads = Math.max(1, Math.floor(os.availableParallelism() / concurrency));
  const name = o.name ?? `${os.hostname()}-${process.pid}`;
  const worker = new Worker<CellJob>(
    o.queue ?? DEFAULT_QUEUE,
    async (job) => {
      const r = await runCell(job.data.sweepDir, job.data.cell, { cliEntry: o.cliEntry, threads, runner: name });
      o.onOutcome?.(r);
      if (r.status === 'failed') throw new Error(`cell ${r.cell} exited ${r.exitCode} (see ${job.data.sweepDir}/cells/${r.cell}/cell.log)`);
      return r;
    },
    {
      connection: redisOptions(o.url),
      concurrency,
      lockDuration: o.lockMs ?? 30_000,
      stalledInterval: o.stalledMs ?? 30_000,
      maxStalledCount: o.maxStalled ?? 3,
    },
  );
  await worker.waitUntilReady();
  return { close: () => worker.close(), name };
}
