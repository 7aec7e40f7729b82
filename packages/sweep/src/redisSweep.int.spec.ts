import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SweepTable } from './collectSweep.js';

const root = resolve(fileURLToPath(import.meta.url), '../../../..');
/** One node process per command (through the tsx CLI, a SIGKILL would hit its parent only). */
const tsx = ['--import', import.meta.resolve('tsx')];
const bin = join(root, 'packages/cli/src/bin.ts');
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
const external = process.env.INFOBED_TEST_REDIS_URL;
// CI (.ci/run) installs and starts redis-server and sets INFOBED_REQUIRE_REDIS=1: there, a missing
// server fails this test instead of skipping it.
const run = external !== undefined || hasRedisServer || process.env.INFOBED_REQUIRE_REDIS === '1';

const freePort = (): Promise<number> =>
  new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => ok(p));
    });
  });
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** Running (not a zombie waiting for a parent that does not reap). */
const alive = (pid: number): boolean => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe.runIf(run)('sweep on Redis (BullMQ): two workers, one killed mid-cell', () => {
  let server: ChildProcess | undefined;
  let url = external ?? '';
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    if (url !== '') return;
    const port = await freePort();
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    url = `redis://127.0.0.1:${port}`;
    for (let i = 0; i < 50 && spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() !== 'PONG'; i++) await sleep(100);
  });

  afterAll(() => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    server?.kill('SIGTERM');
  });

  it('every one of 6 cells completes exactly once in the collected table; the dead worker’s cell is retried by the other', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'infobed-redis-sweep-'));
    const queue = `test-${process.pid}-${Date.now()}`;
    writeFileSync(
      join(dir, 'sweep.yaml'),
      [
        'description: redis integration test',
        'command: design',
        'grid:',
        `  config: [${join(root, 'configs/linear-gaussian.yaml')}]`,
        '  seed: [0, 1, 2, 3, 4, 5]',
        'fixed: { steps: 40, batch: 32 }',
        'metrics: [eig.value, mi.bound]',
        'executor: redis',
        'attempts: 3',
      ].join('\n'),
    );
    const out = join(dir, 'sweep');
    const worker = (name: string): ChildProcess => {
      const w = spawn(process.execPath, [...tsx, bin, 'worker', '--redis', url, '--queue', queue, '--name', name, '--lock-ms', '3000', '--stalled-ms', '1000'], {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, VITEST: undefined, VITEST_WORKER_ID: undefined, VITEST_POOL_ID: undefined },
      });
      workers.push(w);
      return w;
    };
    const a = worker('A');
    const b = worker('B');
    const sweep = spawn(process.execPath, [...tsx, bin, 'sweep', '--config', join(dir, 'sweep.yaml'), '--out', out, '--redis', url, '--queue', queue, '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, VITEST: undefined },
    });
    let stdout = '';
    sweep.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    const sweepExit = new Promise<number | null>((r) => sweep.on('exit', (c) => r(c)));

    // Wait until worker A is in the middle of a cell (its attempt started, no result yet), then kill it.
    let victim: { cell: string; pid: number } | undefined;
    for (let i = 0; i < 600 && victim === undefined; i++) {
      await sleep(100);
      const cells = existsSync(join(out, 'cells')) ? readdirSync(join(out, 'cells')) : [];
      for (const c of cells) {
        const att = join(out, 'cells', c, 'attempt.json');
        if (!existsSync(att) || existsSync(join(out, 'cells', c, 'result.json'))) continue;
        const info = JSON.parse(readFileSync(att, 'utf8')) as { runner: string; pid: number };
        if (info.runner === 'A') victim = { cell: c, pid: info.pid };
      }
    }
    expect(victim).toBeDefined();
    await sleep(1500); // well inside the cell: TF.js is loading or training
    expect(existsSync(join(out, 'cells', victim!.cell, 'result.json'))).toBe(false);
    a.kill('SIGKILL');
    await sleep(1000);
    expect(alive(victim!.pid)).toBe(false); // the cell's process died with its worker (no orphan writing later)

    expect(await sweepExit).toBe(0);
    const doc = JSON.parse(stdout) as { ok: boolean; result: { table: SweepTable } };
    expect(doc.ok).toBe(true);
    const t = doc.result.table;
    expect(t.cells).toBe(6);
    expect(t.completed).toBe(6);
    expect(t.missing).toEqual([]);
    expect(t.duplicated).toEqual([]);
    expect(t.rows).toHaveLength(1);
    expect(t.rows[0]!.metrics['eig.value']!.n).toBe(6);
    expect([...t.rows[0]!.seeds].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    // completions.jsonl: exactly one completion per cell; the killed cell was finished by B.
    const completions = readFileSync(join(out, 'completions.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { cell: string; runner: string });
    expect(completions.map((c) => c.cell).sort()).toEqual(['c000', 'c001', 'c002', 'c003', 'c004', 'c005']);
    expect(completions.find((c) => c.cell === victim!.cell)!.runner).toBe('B');
    expect(existsSync(join(out, 'table.md'))).toBe(true);
    b.kill('SIGTERM');
  });
});
