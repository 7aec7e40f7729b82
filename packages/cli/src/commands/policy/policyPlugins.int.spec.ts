import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../captureCli.js';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const fixture = join(root, 'test', 'fixtures', 'plugin-policy');
const dir = mkdtempSync(join(tmpdir(), 'infobed-policy-plugins-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(argv: string[], cwd = root): Promise<{ code: number; err: string; doc: { ok: boolean; result?: Record<string, unknown>; error?: { kind: string; message: string } } }> {
  const r = await runCliCaptured([...argv, '--json', '--backend', 'wasm'], cwd);
  return { code: r.code, err: r.stderr, doc: JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') };
}

describe('policy evaluate / next honour the run config plugins:', () => {
  it('a policy from a config plugin (path relative to the config) trains, re-evaluates and proposes without --plugin', async () => {
    const cfg = join(dir, 'pk-plugin.yaml');
    writeFileSync(
      cfg,
      [
        `plugins: [${relative(dir, fixture)}]`,
        'simulator: { id: pharmacokinetic, options: { T: 3 } }',
        'policy: { id: fixture-open-loop }',
        'objective: { id: spce }',
        'baselines: [{ id: equal-interval }]',
        'train: { steps: 5, batch: 16, contrastive: 31, lr: 0.01, recordEvery: 5, baselineSteps: 0 }',
        'evaluate: { rollouts: 8, inner: 64, chunk: 64, trajectories: 0 }',
      ].join('\n'),
    );
    const out = join(dir, 'run');
    const t = await cli(['policy', 'train', '--config', cfg, '--out', out]);
    expect(t.code, t.err).toBe(0);
    const trained = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    // Another working directory than the config's: the plugin must come from the run, not the cwd.
    const e = await cli(['policy', 'evaluate', '--run', out], tmpdir());
    expect(e.code, e.err).toBe(0);
    const res = e.doc.result!.results as { name: string; spce: number }[];
    expect(res.map((r) => r.name)).toEqual(['fixture-open-loop', 'equal-interval']);
    res.forEach((r, i) => expect(r.spce).toBeCloseTo(trained.evaluation.results[i].spce, 4));
    const rollout = JSON.parse(readFileSync(join(out, 'rollouts.jsonl'), 'utf8').split('\n')[0]!);
    const n = await cli(['policy', 'next', '--run', out, '--history', JSON.stringify({ designs: rollout.designs.slice(0, 1), observations: rollout.observations.slice(0, 1) })], tmpdir());
    expect(n.code, n.err).toBe(0);
    expect(n.doc.result!.design as number[]).toHaveLength(1);
    expect((n.doc.result!.design as number[])[0]).toBeCloseTo(rollout.designs[1][0], 3);
  });
});
