import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../captureCli.js';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
let out = '';

async function cli(argv: string[]): Promise<{ code: number; err: string; doc: { ok: boolean; result?: Record<string, unknown>; error?: { kind: string; message: string } } }> {
  const r = await runCliCaptured([...argv, '--json', '--backend', 'wasm'], root);
  return { code: r.code, err: r.stderr, doc: JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') };
}

interface Bound { mean: number; stderr: number }
interface Scored { name: string; infonce: Bound; nwj: Bound; byT: { t: number; bound: string; mean: number; stderr: number; criticSteps: number }[]; negatives: number }
const NAMES = ['lstm', 'equal-interval', 'random', 'static'];

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'infobed-policy-sir-'));
  const r = await cli(['policy', 'train', '--config', 'configs/sir-adaptive.yaml', '--preset', 'ci', '--out', out]);
  expect(r.code, r.err).toBe(0);
});

describe('SIR through the policy CLI (ci preset): train → evaluate → next', () => {
  it('train: an LSTM policy by InfoNCE with a history critic, every policy scored by fresh critics on held-out rollouts', () => {
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    expect(result).toMatchObject({ simulator: 'sir', policy: 'lstm', objective: 'infonce', critic: 'separable', T: 5, steps: 20, stoppedEarly: false });
    expect(result.evaluation).toBeUndefined(); // no sPCE: the model has no likelihood
    const s = result.freshCritic as { rollouts: number; negatives: number; results: Scored[] };
    expect(s.results.map((e) => e.name)).toEqual(NAMES);
    for (const e of s.results) {
      expect(e.negatives).toBe(256);
      expect(e.infonce.mean).toBeLessThanOrEqual(Math.log(257));
      expect(Number.isFinite(e.nwj.mean) && e.infonce.stderr > 0 && e.nwj.stderr > 0).toBe(true);
      expect(e.byT.map((b) => b.t)).toEqual([5]);
    }
    // Equally spaced times see the epidemic's rise and fall; random ones (ξ ~ N(0, 1): late, bunched) far less.
    const by = Object.fromEntries(s.results.map((e) => [e.name, e]));
    expect(by['equal-interval']!.infonce.mean).toBeGreaterThan(by['random']!.infonce.mean + 3 * (by['equal-interval']!.infonce.stderr + by['random']!.infonce.stderr));
    for (const f of ['history.csv', 'config.resolved.yaml', 'policy/policy.json', 'policy/critic.json', 'policy/baselines/2-static.json', 'rollouts.jsonl', 'rollouts-random.jsonl', 'curves.png', 'training.png', 'checkpoint/state.ibck']) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    const lines = readFileSync(join(out, 'rollouts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { designs: number[][] });
    expect(lines).toHaveLength(1000);
    for (const r of lines.slice(0, 50)) r.designs.forEach((d, t) => expect(d[0]!).toBeGreaterThan(t === 0 ? 0.01 : r.designs[t - 1]![0]!));
  });

  it('evaluate: the same bounds as train (same streams), and the bound of every prefix t = 1 … T', async () => {
    const r = await cli(['policy', 'evaluate', '--run', out]);
    expect(r.code, r.err).toBe(0);
    const train = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')).freshCritic.results as Scored[];
    const ev = JSON.parse(readFileSync(join(out, 'evaluate.json'), 'utf8')).freshCritic.results as Scored[];
    expect(ev.map((e) => e.name)).toEqual(NAMES);
    ev.forEach((e, i) => {
      expect(e.byT.map((b) => b.t)).toEqual([1, 2, 3, 4, 5]);
      expect(e.byT.every((b) => b.criticSteps === 20)).toBe(true); // ci: byTSteps 20 (t = T too)
      expect(e.infonce.mean).toBe(train[i]!.infonce.mean); // 30 steps, as in train
      expect(e.nwj.mean).toBe(train[i]!.nwj.mean);
    });
    for (const f of ['bound-vs-t.png', 'curves.png']) expect(existsSync(join(out, f)), f).toBe(true);
  });

  it('next: reproduces a saved rollout\'s next time from its history', async () => {
    const rollout = JSON.parse(readFileSync(join(out, 'rollouts.jsonl'), 'utf8').split('\n')[2]!) as { designs: number[][]; observations: number[][] };
    for (const t of [0, 2, 4]) {
      const r = await cli(['policy', 'next', '--run', out, '--history', JSON.stringify({ designs: rollout.designs.slice(0, t), observations: rollout.observations.slice(0, t) })]);
      expect(r.code, r.err).toBe(0);
      expect(r.doc.result!.design as number[]).toHaveLength(1);
      expect((r.doc.result!.design as number[])[0]!).toBeCloseTo(rollout.designs[t]![0]!, 2);
    }
  });

  it('objectives it cannot use exit 2 naming the field: sPCE (no likelihood), an unknown id', async () => {
    const cases: [string, RegExp][] = [
      ['spce', /objective\.id: "spce" needs a likelihood, and simulator "sir" has none/],
      ['no-such-objective', /objective\.id: .*no-such-objective/],
    ];
    for (const [objective, msg] of cases) {
      const r = await cli(['policy', 'train', '--config', 'configs/sir-adaptive.yaml', '--preset', 'ci', '--objective', objective, '--out', mkdtempSync(join(tmpdir(), 'infobed-policy-sir-bad-'))]);
      expect(r.code).toBe(2);
      expect(r.doc.error!.message).toMatch(msg);
    }
  });
});
