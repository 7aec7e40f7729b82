import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../captureCli.js';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const dirs: Record<string, string> = {};

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string; doc: { ok: boolean; result?: Record<string, unknown>; error?: { kind: string; message: string } } }> {
  const r = await runCliCaptured([...argv, '--json', '--backend', 'wasm'], root);
  const last = r.stdout.trim().split('\n').at(-1) ?? '{}';
  return { code: r.code, out: r.stdout, err: r.stderr, doc: JSON.parse(last) };
}

beforeAll(async () => {
  for (const model of ['location-finding', 'pharmacokinetic']) {
    const out = mkdtempSync(join(tmpdir(), `infobed-policy-${model}-`));
    const r = await cli(['policy', 'train', '--config', `configs/${model}-adaptive.yaml`, '--preset', 'ci', '--out', out]);
    expect(r.code, r.err).toBe(0);
    dirs[model] = out;
  }
});

describe('infobed policy train (ci preset)', () => {
  it.each(['location-finding', 'pharmacokinetic'])('%s: writes the saved policy, rollouts, plots and result.json', (model) => {
    const out = dirs[model]!;
    for (const f of ['result.json', 'history.csv', 'config.resolved.yaml', 'policy/policy.json', 'rollouts.jsonl', 'rollouts-random.jsonl', 'rollouts-static.jsonl', 'eig-vs-t.png', 'training.png', 'trajectories.png']) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    const T = model === 'location-finding' ? 10 : 5;
    expect(result).toMatchObject({ simulator: model, policy: 'gru', objective: 'spce', T, steps: 30, stoppedEarly: false });
    const names = result.evaluation.results.map((e: { name: string }) => e.name);
    expect(names[0]).toBe('gru');
    for (const e of result.evaluation.results) {
      expect(e.byT).toHaveLength(T);
      expect(e.spce).toBeLessThanOrEqual(e.snmc + 1e-9);
      expect(e.spce).toBeLessThanOrEqual(Math.log(501) + 1e-9); // ci: L = 500
    }
    // rollouts.jsonl: spec §5 format, designs as the simulator receives them.
    const lines = readFileSync(join(out, 'rollouts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(40);
    const [d, q, p] = model === 'location-finding' ? [2, 1, 4] : [1, 1, 3];
    for (const r of lines) {
      expect(Object.keys(r).sort()).toEqual(['designs', 'observations', 'theta']);
      expect(r.theta).toHaveLength(p);
      expect(r.designs).toHaveLength(T);
      expect(r.designs.every((x: number[]) => x.length === d)).toBe(true);
      expect(r.observations.every((y: number[]) => y.length === q)).toBe(true);
      if (model === 'pharmacokinetic') expect(r.designs.flat().every((t: number) => t > 0 && t < 24)).toBe(true);
    }
  });
});

describe('infobed policy next', () => {
  it.each(['location-finding', 'pharmacokinetic'])('%s: reproduces the designs of a saved rollout from its history', async (model) => {
    const out = dirs[model]!;
    const rollout = JSON.parse(readFileSync(join(out, 'rollouts.jsonl'), 'utf8').split('\n')[3]!);
    const T = rollout.designs.length;
    for (const t of [0, 1, Math.floor(T / 2), T - 1]) {
      const history = { designs: rollout.designs.slice(0, t), observations: rollout.observations.slice(0, t) };
      const r = await cli(['policy', 'next', '--run', out, '--history', JSON.stringify(history)]);
      expect(r.code, r.err).toBe(0);
      expect(r.doc.result!.t).toBe(t + 1);
      (r.doc.result!.design as number[]).forEach((v, i) => expect(v).toBeCloseTo(rollout.designs[t][i], 3));
      expect(r.doc.result!.latencyMs as number).toBeGreaterThan(0);
    }
  });

  it('a rollouts.jsonl line (theta ignored) and a history file are accepted', async () => {
    const out = dirs['location-finding']!;
    const rollout = JSON.parse(readFileSync(join(out, 'rollouts.jsonl'), 'utf8').split('\n')[0]!);
    const file = join(out, 'history.json');
    writeFileSync(file, JSON.stringify({ theta: rollout.theta, designs: rollout.designs.slice(0, 2), observations: rollout.observations.slice(0, 2) }));
    const r = await cli(['policy', 'next', '--run', out, '--history', file]);
    expect(r.code, r.err).toBe(0);
    (r.doc.result!.design as number[]).forEach((v, i) => expect(v).toBeCloseTo(rollout.designs[2][i], 3));
  });

  it('bad history JSON, a wrong-length history and a run folder without a policy exit 2 naming what is wrong', async () => {
    const out = dirs['location-finding']!;
    const cases: [string[], RegExp][] = [
      [['--run', out, '--history', '{"designs": [[0, 0]'], /--history: not valid JSON/],
      [['--run', out, '--history', '{"designs": [[0, 0]], "observations": []}'], /designs has 1 entries but observations has 0/],
      [['--run', out, '--history', JSON.stringify({ designs: Array(10).fill([0, 0]), observations: Array(10).fill([1]) })], /10 measurements already made.*T = 10/],
      [['--run', out, '--history', '{"designs": [[0, 0, 1]], "observations": [[1]]}'], /designs\[0\]: expected 2 finite numbers/],
      [['--run', out, '--history', '{"designs": [[0, 0]], "observations": [["a"]]}'], /observations\[0\]: expected 1 finite numbers/],
      [['--run', out, '--history', '{"observations": []}'], /designs: expected an array/],
    ];
    for (const [args, re] of cases) {
      const r = await cli(['policy', 'next', ...args]);
      expect(r.code, r.err).toBe(2);
      expect(r.doc.error!.kind).toBe('invalidArgument');
      expect(r.doc.error!.message).toMatch(re);
    }
    const empty = mkdtempSync(join(tmpdir(), 'infobed-nopolicy-'));
    const r1 = await cli(['policy', 'next', '--run', empty, '--history', '[]']);
    expect(r1.code).toBe(2);
    expect(r1.doc.error!.message).toMatch(/not a policy run \(no config\.resolved\.yaml\)/);
    writeFileSync(join(empty, 'config.resolved.yaml'), readFileSync(join(out, 'config.resolved.yaml')));
    const r2 = await cli(['policy', 'next', '--run', empty, '--history', '[]']);
    expect(r2.code).toBe(2);
    expect(r2.doc.error!.message).toMatch(/policy\.json: no saved policy here/);
    const r3 = await cli(['policy', 'evaluate', '--run', empty]);
    expect(r3.code).toBe(2);
    expect(r3.doc.error!.message).toMatch(/policy\.json: no saved policy here/);
    rmSync(empty, { recursive: true });
  });
});

describe('infobed policy evaluate', () => {
  it('re-evaluates the saved policy and baselines with the same numbers as training (same seed and budget)', async () => {
    const out = dirs['pharmacokinetic']!;
    const trained = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    const r = await cli(['policy', 'evaluate', '--run', out]);
    expect(r.code, r.err).toBe(0);
    const res = r.doc.result!.results as { name: string; spce: number }[];
    expect(res.map((e) => e.name)).toEqual(['gru', 'equal-interval', 'random', 'static']);
    res.forEach((e, i) => expect(e.spce).toBeCloseTo(trained.evaluation.results[i].spce, 4));
    expect(existsSync(join(out, 'evaluate.json'))).toBe(true);
    const bigger = await cli(['policy', 'evaluate', '--run', out, '--rollouts', '50', '--inner', '800']);
    expect(bigger.code).toBe(0);
    expect(bigger.doc.result).toMatchObject({ rollouts: 50, inner: 800 });
  });

  it('config errors name the file and the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'infobed-badcfg-'));
    const cfg = join(dir, 'bad.yaml');
    writeFileSync(cfg, 'simulator: { id: location-finding }\npolicy: { id: nope }\n');
    const r = await cli(['policy', 'train', '--config', cfg, '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.doc.error!.message).toMatch(/bad\.yaml: policy\.id: unknown policy "nope"; available: .*deepsets/);
    writeFileSync(cfg, 'simulator: { id: noisy-linear }\n');
    const r2 = await cli(['policy', 'train', '--config', cfg, '--out', join(dir, 'out')]);
    expect(r2.code).toBe(2);
    expect(r2.doc.error!.message).toMatch(/cannot run sequentially/);
    expect(existsSync(join(dir, 'out', 'result.json'))).toBe(false);
  });
});
