import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../captureCli.js';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'infobed-policy-infer-'));
const run = join(dir, 'run');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(argv: string[]): Promise<{ code: number; err: string; doc: { ok: boolean; result?: Record<string, unknown>; error?: { kind: string; message: string } } }> {
  const r = await runCliCaptured([...argv, '--json', '--backend', 'wasm'], root);
  return { code: r.code, err: r.stderr, doc: JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') };
}

beforeAll(async () => {
  const r = await cli(['policy', 'train', '--config', 'configs/pharmacokinetic-adaptive-critic.yaml', '--preset', 'ci', '--out', run]);
  expect(r.code, r.err).toBe(0);
});

describe('PK through the critic path (ci preset) and infobed policy infer', () => {
  it('trains by InfoNCE beside the sPCE-trained GRU baseline, saving the critic with its input scaling and contrast', () => {
    const result = JSON.parse(readFileSync(join(run, 'result.json'), 'utf8'));
    expect(result).toMatchObject({ simulator: 'pharmacokinetic', policy: 'gru', objective: 'infonce', critic: 'separable', T: 5, steps: 30 });
    expect(result.evaluation.results.map((e: { name: string }) => e.name)).toEqual(['gru', 'gru-spce']);
    expect(existsSync(join(run, 'rollouts-gru-spce.jsonl'))).toBe(true);
    const critic = JSON.parse(readFileSync(join(run, 'policy', 'critic.json'), 'utf8'));
    expect(critic).toMatchObject({ role: 'critic', id: 'separable', contrast: 'theta' });
    expect(critic.inputScaling.thetaMean).toHaveLength(3);
    expect(critic.inputScaling.historySd).toHaveLength(10);
    expect(critic.inputScaling.historySd.every((s: number) => s > 0)).toBe(true);
  });

  it('infer: posterior of one rollout from the history critic, with the exact-likelihood reference and the true θ', async () => {
    const out = join(dir, 'post');
    const r = await cli(['policy', 'infer', '--run', run, '--observed', join(run, 'rollouts.jsonl'), '--samples', '2000', '--out', out]);
    expect(r.code, r.err).toBe(0);
    const res = r.doc.result as { posterior: { parameters: { name: string; lower: number; upper: number; mean: number }[]; ess: number }; reference: { ess: number }; trueTheta: number[]; critic: { densityRatio: boolean } };
    const line = JSON.parse(readFileSync(join(run, 'rollouts.jsonl'), 'utf8').split('\n')[0]!);
    expect(res.trueTheta).toEqual(line.theta);
    expect(res.posterior.parameters.map((p) => p.name)).toEqual(['k_a', 'k_e', 'V']);
    expect(res.posterior.parameters.every((p) => p.lower <= p.mean && p.mean <= p.upper)).toBe(true);
    expect(res.posterior.ess).toBeGreaterThan(1);
    expect(res.posterior.ess).toBeLessThanOrEqual(2000);
    expect(res.reference.ess).toBeGreaterThan(1);
    expect(res.critic.densityRatio).toBe(true);
    for (const f of ['posterior.json', 'posterior-samples.csv', 'posterior.png']) expect(existsSync(join(out, f)), f).toBe(true);
  });

  it('infer refuses an unfinished history and a run without a critic (exit 2, naming what is wrong)', async () => {
    const line = JSON.parse(readFileSync(join(run, 'rollouts.jsonl'), 'utf8').split('\n')[0]!);
    const short = JSON.stringify({ designs: line.designs.slice(0, 2), observations: line.observations.slice(0, 2) });
    const a = await cli(['policy', 'infer', '--run', run, '--observed', short, '--out', join(dir, 'a')]);
    expect(a.code).toBe(2);
    expect(a.doc.error!.message).toMatch(/--observed: 2 measurements given; .*T = 5/);
    const noCritic = join(dir, 'spce-run');
    cpSync(run, noCritic, { recursive: true });
    rmSync(join(noCritic, 'policy', 'critic.json'));
    const b = await cli(['policy', 'infer', '--run', noCritic, '--observed', join(run, 'rollouts.jsonl'), '--out', join(dir, 'b')]);
    expect(b.code).toBe(2);
    expect(b.doc.error!.message).toMatch(/has no policy\/critic\.json/);
  });
});
