import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../captureCli.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await runCliCaptured(argv, root);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

describe('infobed estimate', () => {
  it('prints one JSON row for one setting (true MI from --rho) and writes result.json + estimate.csv', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'infobed-estimate-'));
    const r = await cli(['estimate', '--objective', 'infonce', '--critic', 'separable', '--dim', '2', '--rho', '0.8', '--steps', '10', '--batch', '16', '--json', '--quiet', '--backend', 'wasm', '--out', dir]);
    expect(r.code, r.err).toBe(0);
    const { result } = JSON.parse(r.out) as { result: Record<string, unknown> };
    expect(Object.keys(result)).toEqual(expect.arrayContaining(['objective', 'critic', 'trueMi', 'estimate', 'bias', 'std', 'stepsPerSecond', 'backend']));
    expect(result.trueMi as number).toBeCloseTo(-Math.log(1 - 0.64), 12); // d = 2: −(2/2)·log(1 − ρ²)
    expect(result.estimate as number).toBeLessThanOrEqual(Math.log(16) + 1e-4);
    for (const f of ['estimate.csv', 'trace.csv', 'estimate-trace.png', 'bias-variance.png', 'result.json']) expect(existsSync(join(dir, f)), f).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')).objective).toBe('infonce');
  });

  it('runs the ci preset of configs/estimate-gaussian.yaml: one row per objective and level under "rows"', async () => {
    const r = await cli(['estimate', '--config', 'configs/estimate-gaussian.yaml', '--preset', 'ci', '--objective', 'nwj,js-anchor', '--json', '--quiet', '--backend', 'wasm']);
    expect(r.code, r.err).toBe(0);
    const { result } = JSON.parse(r.out) as { result: { rows: { objective: string; trueMi: number }[] } };
    expect(result.rows.map((x) => `${x.objective}@${x.trueMi}`)).toEqual(['nwj@2', 'nwj@4', 'js-anchor@2', 'js-anchor@4']);
  });

  it('runs a benchmark task (--task), a third-party task (--plugin), and flo on its default shared critic', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'infobed-estimate-task-'));
    const r = await cli([
      'estimate', '--plugin', './test/fixtures/plugin-task', '--task', 'additive-noise,fixture-pair', '--objective', 'infonce,flo',
      '--steps', '6', '--batch', '8', '--held-out', '16', '--json', '--quiet', '--backend', 'wasm', '--out', dir,
    ]);
    expect(r.code, r.err).toBe(0);
    const { result } = JSON.parse(r.out) as { result: { rows: { objective: string; critic: string; criticSource: string; task: string; trueMi: number; heldOut: number }[] } };
    expect(result.rows.map((x) => `${x.objective}/${x.critic}@${x.task}`)).toEqual([
      'infonce/separable@additive-noise-0.1', 'infonce/separable@fixture-pair-0.9', 'flo/shared@additive-noise-0.1', 'flo/shared@fixture-pair-0.9',
    ]);
    expect(result.rows[2]!.criticSource).toBe('objective-default');
    expect(result.rows[0]!.trueMi).toBeCloseTo(0.1 - Math.log(0.2), 12);
    expect(result.rows[1]!.trueMi).toBeCloseTo(-0.5 * Math.log(1 - 0.81), 12);
    expect(result.rows.every((x) => Number.isFinite(x.heldOut))).toBe(true);
    for (const f of ['estimate.csv', 'trace.csv', 'benchmark.md', 'benchmark-heatmap.png', 'result.json']) expect(existsSync(join(dir, f)), f).toBe(true);
    expect(readFileSync(join(dir, 'estimate.csv'), 'utf8').split('\n')[0]).toContain('heldOut');
    // A named critic wins over flo's default.
    const named = await cli(['estimate', '--objective', 'flo', '--critic', 'bilinear', '--dim', '2', '--mi', '1', '--steps', '4', '--batch', '8', '--held-out', '0', '--json', '--quiet', '--backend', 'wasm']);
    expect(named.code, named.err).toBe(0);
    expect(JSON.parse(named.out).result).toMatchObject({ critic: 'bilinear', criticSource: 'named' });
  });

  it('a diverged run fails the command (exit 3, no result.json) unless onDiverge: report (the benchmark preset)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'infobed-estimate-diverge-'));
    const config = (onDiverge: string) => {
      const file = join(dir, `${onDiverge}.yaml`);
      const tasks = '[{ id: fixture-pair, options: { nonFinite: true } }, { id: fixture-pair }]';
      writeFileSync(file, `estimate: { objectives: [{ id: infonce }], tasks: ${tasks}, batch: 8, stepsPerStage: 4, average: 2, heldOut: 16, onDiverge: ${onDiverge} }\n`);
      return file;
    };
    const args = (name: string) => ['--plugin', './test/fixtures/plugin-task', '--json', '--quiet', '--backend', 'wasm', '--out', join(dir, name)];
    const fail = await cli(['estimate', '--config', config('fail'), ...args('fail')]);
    expect(fail.code).toBe(3);
    expect(JSON.parse(fail.out).error.message).toMatch(/infonce: mi is NaN at step \d+/);
    expect(existsSync(join(dir, 'fail', 'result.json'))).toBe(false);
    const report = await cli(['estimate', '--config', config('report'), ...args('report')]);
    expect(report.code, report.err).toBe(0);
    const { rows } = JSON.parse(readFileSync(join(dir, 'report', 'result.json'), 'utf8')) as { rows: { task: string; diverged: number; heldOut: number | null }[] };
    expect(rows.map((r) => [r.task, r.diverged])).toEqual([['fixture-pair-0.9-nonfinite', 1], ['fixture-pair-0.9', 0]]);
    expect(Number.isFinite(rows[1]!.heldOut)).toBe(true);
    expect(readFileSync(join(dir, 'report', 'benchmark.md'), 'utf8')).toMatch(/\| fixture-pair-0\.9-nonfinite \| 0\.830 \| diverged \(1\/1\) \|/);
    expect(readFileSync(join(dir, 'report', 'estimate.csv'), 'utf8').split('\n')[0]).toContain(',diverged,');
  });

  it("--lr / --steps apply to every objective, over an entry's own budget", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'infobed-estimate-budget-'));
    const file = join(dir, 'c.yaml');
    writeFileSync(file, 'estimate: { objectives: [{ id: infonce }, { id: nwj, lr: 0.01, stepsPerStage: 6, mi: [2] }], dim: 2, mi: [1], batch: 8, stepsPerStage: 4, average: 2, heldOut: 0, lr: 0.001 }\n');
    const rowsOf = async (extra: string[]) => {
      const r = await cli(['estimate', '--config', file, ...extra, '--json', '--quiet', '--backend', 'wasm']);
      expect(r.code, r.err).toBe(0);
      return (JSON.parse(r.out).result.rows as { lr: number; stepsPerStage: number; trueMi: number }[]).map((x) => [x.lr, x.stepsPerStage, x.trueMi]);
    };
    expect(await rowsOf([])).toEqual([[0.001, 4, 1], [0.01, 6, 2]]);
    expect(await rowsOf(['--lr', '0.002', '--steps', '3', '--mi', '1.5'])).toEqual([[0.002, 3, 1.5], [0.002, 3, 1.5]]);
    const r = await cli(['estimate', '--config', file, '--lr-schedule', 'cosine', '--json', '--quiet', '--backend', 'wasm']);
    expect((JSON.parse(r.out).result.rows as { lrSchedule: string }[]).map((x) => x.lrSchedule)).toEqual(['cosine', 'cosine']);
    // --objective keeps a configured entry (its own budget), as --task keeps a configured task.
    expect(await rowsOf(['--objective', 'nwj,dv'])).toEqual([[0.01, 6, 2], [0.001, 4, 1]]);
  });

  it("--ema-decay sets every objective's weight averaging over an entry's own, 0 turns it off, and a bad value exits 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'infobed-estimate-ema-'));
    const file = join(dir, 'c.yaml');
    writeFileSync(file, 'estimate: { objectives: [{ id: infonce }, { id: nwj, emaDecay: 0.9 }], critic: { id: separable, options: { hidden: [8] } }, dim: 2, mi: [1], batch: 8, stepsPerStage: 4, average: 2, heldOut: 16 }\n');
    const decaysOf = async (extra: string[]) => {
      const r = await cli(['estimate', '--config', file, ...extra, '--json', '--quiet', '--backend', 'wasm']);
      expect(r.code, r.err).toBe(0);
      return (JSON.parse(r.out).result.rows as { emaDecay?: number }[]).map((x) => x.emaDecay ?? null);
    };
    expect(await decaysOf([])).toEqual([null, 0.9]);
    expect(await decaysOf(['--ema-decay', '0.5'])).toEqual([0.5, 0.5]);
    expect(await decaysOf(['--ema-decay', '0'])).toEqual([null, null]);
    const bad = await cli(['estimate', '--config', file, '--ema-decay', '1', '--quiet', '--backend', 'wasm']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--ema-decay: expected a number in \[0, 1\)/);
  });

  it('exits 2 naming an unknown task and listing the available ones', async () => {
    const r = await cli(['estimate', '--objective', 'infonce', '--task', 'nope', '--steps', '2', '--quiet', '--backend', 'wasm']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown task "nope"; available: additive-noise, bivariate-normal, gaussian/);
  });

  it('exits 2 listing the available objectives for an unknown id, and for --mi with --rho', async () => {
    const r = await cli(['estimate', '--objective', 'nope', '--steps', '2', '--quiet', '--backend', 'wasm']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown objective "nope"; available: .*infonce-anchor/);
    const both = await cli(['estimate', '--objective', 'nwj', '--mi', '2', '--rho', '0.5', '--quiet', '--backend', 'wasm']);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/--mi and --rho/);
  });
});
