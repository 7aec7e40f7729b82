import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Real processes, real signals: a run is stopped at a random moment after its first checkpoint
 * (SIGINT, or kill -9), resumed with `--resume`, and must end with the same result.json (every
 * field but `seconds`) and the same history/curve as an uninterrupted run.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'packages/cli/src/bin.ts');
const dir = mkdtempSync(join(tmpdir(), 'infobed-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Done {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts `infobed <args>`; `stop` (optional) is called once `<out>/checkpoint/state.ibck` exists. */
function infobed(args: string[], stop?: { readonly file: string; readonly delayMs: number; readonly signal: NodeJS.Signals }): Promise<Done> {
  const child = spawn(process.execPath, ['--import', 'tsx', bin, ...args], { cwd: root, env: { ...process.env, VITEST: undefined, INFOBED_GEMM_THREADS: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let timer: NodeJS.Timeout | undefined;
  if (stop) {
    timer = setInterval(() => {
      if (existsSync(stop.file)) {
        clearInterval(timer);
        setTimeout(() => child.kill(stop.signal), stop.delayMs);
      }
    }, 20);
  }
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      if (timer) clearInterval(timer);
      resolve({ code, signal, stdout, stderr });
    }),
  );
}

/** result.json without its timings (`seconds`, and estimate's `stepsPerSecond`). */
const withoutSeconds = (file: string): unknown =>
  JSON.parse(readFileSync(file, 'utf8'), (k, v: unknown) => (k === 'seconds' || k === 'stepsPerSecond' ? undefined : v));

const designConfig = join(dir, 'lg.yaml');
writeFileSync(
  designConfig,
  [
    'simulator: { id: linear-gaussian, options: {} }',
    'objective: { id: infonce, options: {} }',
    'critic: { id: separable, options: { hidden: [16], embed: 8 } }',
    'design: { steps: 2500, finalCriticSteps: 100, batch: 32, recordEvery: 10, evalBatches: 3 }',
    'evaluate: { method: analytic }',
    'seed: 3',
  ].join('\n'),
);

const commands = {
  design: { args: ['design', '--config', designConfig], curve: 'history.csv' },
  meta: { args: ['meta', '--method', 'metaflo', '--preset', 'ci', '--iterations', '300'], curve: 'curve.csv' },
  // Checkpoints after each finished run; an interrupted run is repeated from its start on resume.
  estimate: { args: ['estimate', '--objective', 'infonce', '--dim', '2', '--mi', '1', '--steps', '400', '--batch', '16', '--runs', '4', '--held-out', '0'], curve: 'trace.csv' },
} as const;

describe.each(Object.keys(commands) as (keyof typeof commands)[])('infobed %s: stop at a random moment, --resume', (name) => {
  const { args, curve } = commands[name];
  const reference = join(dir, `${name}-ref`);
  it('uninterrupted reference run', async () => {
    const r = await infobed([...args, '--out', reference, '--json', '--quiet', '--checkpoint-every', '50']);
    expect(r.code, r.stderr).toBe(0);
  }, 120_000);

  // estimate (an extra beyond the design and meta) gets SIGINT only, to keep CI time small.
  it.each((name === 'estimate' ? [['SIGINT']] : [['SIGINT'], ['SIGKILL']]) as [NodeJS.Signals][])('%s, then --resume: the same result.json (bar seconds) and curve', async (signal) => {
    const out = join(dir, `${name}-${signal}`);
    const delayMs = Math.round(Math.random() * 1500);
    const first = await infobed([...args, '--out', out, '--json', '--quiet', '--checkpoint-every', '50'], { file: join(out, 'checkpoint', 'state.ibck'), delayMs, signal });
    if (first.code === 0) return; // finished before the signal (very fast machine): nothing to resume
    if (signal === 'SIGINT') {
      expect(first.code, `delay ${delayMs} ms: ${first.stderr}`).toBe(130);
      const doc = JSON.parse(first.stdout);
      expect(first.stdout.trim().split('\n')).toHaveLength(1);
      expect(doc.ok).toBe(false);
      expect(doc.error.kind).toBe('interrupted');
      expect(doc.error.message).toMatch(/interrupted by SIGINT after (step|iteration)? ?\d+; checkpoint saved, continue with --resume/);
      expect(first.stderr.trim().split('\n').filter((l) => l.includes('interrupted'))).toHaveLength(1);
    } else {
      expect(first.signal).toBe('SIGKILL');
    }
    expect(existsSync(join(out, 'result.json'))).toBe(false);
    const second = await infobed([name, '--resume', out, '--json']);
    expect(second.code, `delay ${delayMs} ms: ${second.stderr}`).toBe(0);
    expect(second.stderr).toMatch(/resuming (from the checkpoint at (step|iteration) \d+|with \d+ finished run)/);
    expect(withoutSeconds(join(out, 'result.json'))).toEqual(withoutSeconds(join(reference, 'result.json')));
    expect(readFileSync(join(out, curve), 'utf8')).toBe(readFileSync(join(reference, curve), 'utf8'));
  }, 180_000);
});

describe('killing the tsx wrapper', () => {
  it('stops the worker too: it sees its parent gone, checkpoints and exits', async () => {
    const out = join(dir, 'orphan');
    const tsx = join(root, 'node_modules', '.bin', 'tsx');
    const wrapper = spawn(tsx, [bin, ...commands.design.args, '--steps', '30000', '--out', out, '--quiet', '--checkpoint-every', '50'], { cwd: root, env: { ...process.env, VITEST: undefined }, stdio: 'ignore' });
    const file = join(out, 'checkpoint', 'state.ibck');
    for (let i = 0; i < 600 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(file)).toBe(true);
    const workers = execFileSync('ps', ['-o', 'pid=', '--ppid', String(wrapper.pid)], { encoding: 'utf8' }).trim().split(/\s+/).filter(Boolean).map(Number);
    expect(workers.length).toBeGreaterThan(0);
    wrapper.kill('SIGKILL');
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    // Without the parent watch the orphan would train for another ~30 s.
    for (let i = 0; i < 100 && workers.some(alive); i++) await new Promise((r) => setTimeout(r, 50));
    expect(workers.filter(alive)).toEqual([]);
    expect(existsSync(join(out, 'result.json'))).toBe(false);
  }, 60_000);
});
