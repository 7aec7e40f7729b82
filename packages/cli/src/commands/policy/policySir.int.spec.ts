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

  it('posterior: a critic trained for it (contrast θ, scaled inputs), calibrated on held-out rollouts; evaluate and infer reuse it', async () => {
    interface Cal { parameters: { name: string; coverage: number[]; pitHistogram: number[]; medianZ: number }[]; rollouts: number }
    interface Post { critic: { heldOutInfonce?: { mean: number }; loaded?: boolean; file: string }; calibration: Cal; rollout: { trueTheta: number[]; critic: { mean: number }[]; abc: { parameters: { mean: number }[] } } }
    const train = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')).posterior as Post;
    expect(train.critic.file).toBe('policy/posterior-critic.json');
    expect(train.critic.heldOutInfonce!.mean).toBeGreaterThan(0.5); // θ is far from independent of a 5-point epidemic curve
    expect(JSON.parse(readFileSync(join(out, 'policy', 'posterior-critic.json'), 'utf8'))).toMatchObject({ role: 'critic', contrast: 'theta', objective: 'infonce', simulator: { options: { paths: 2000, bankSeed: 555 } } });
    const cal = train.calibration;
    expect(cal.rollouts).toBe(100);
    for (const p of cal.parameters) {
      expect(p.pitHistogram.reduce((a, b) => a + b, 0)).toBe(100);
      // At ci sizes (20 policy steps: late, weakly informative times) only gross failures are checked:
      // an over-confident or shifted posterior (a wrong contrast or input scaling) fails these; the
      // calibration itself is tested in posteriorCalibration.spec.ts and measured in docs/adaptive-sir.md.
      expect(p.coverage[1], p.name).toBeGreaterThanOrEqual(0.75);
      expect(Math.abs(p.medianZ), p.name).toBeLessThan(0.75);
    }
    // evaluate (already run above) loads the same critic and reproduces the calibration on the same streams.
    const ev = JSON.parse(readFileSync(join(out, 'evaluate.json'), 'utf8')).posterior as Post;
    expect(ev.critic).toEqual({ file: 'policy/posterior-critic.json', loaded: true });
    expect(ev.calibration).toEqual(train.calibration);
    expect(existsSync(join(out, 'posterior.png'))).toBe(true);
    // infer uses the posterior critic (and its prior draws) by default: the numbers of the posterior check's rollout 1.
    const inf = await cli(['policy', 'infer', '--run', out, '--observed', join(out, 'rollouts.jsonl'), '--samples', '2000', '--out', join(out, 'infer')]);
    expect(inf.code, inf.err).toBe(0);
    const res = inf.doc.result as { critic: { file: string; contrast: string; densityRatio: boolean }; posterior: { parameters: { mean: number }[] }; trueTheta: number[] };
    expect(res.critic).toMatchObject({ file: 'policy/posterior-critic.json', contrast: 'theta', densityRatio: true });
    expect(res.trueTheta).toEqual(train.rollout.trueTheta);
    res.posterior.parameters.forEach((p, a) => expect(p.mean).toBeCloseTo(ev.rollout.critic[a]!.mean, 10));
    const old = await cli(['policy', 'infer', '--run', out, '--observed', join(out, 'rollouts.jsonl'), '--samples', '2000', '--training-critic', '--out', join(out, 'infer-training')]);
    expect(old.code, old.err).toBe(0);
    expect((old.doc.result as { critic: { file: string } }).critic.file).toBe('policy/critic.json');
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

  it('--resume: a finished run has nothing to resume; --no-baselines would change the run', async () => {
    // Without `cli`'s --backend (a resumed run keeps its own).
    const resume = async (extra: string[]) => JSON.parse((await runCliCaptured(['policy', 'train', '--resume', out, ...extra, '--json'], root)).stdout.trim().split('\n').at(-1)!) as { ok: boolean; error: { message: string } };
    const done = await resume([]);
    expect(done.ok).toBe(false);
    expect(done.error.message).toMatch(/already finished \(it has result\.json\)/); // not a clash with the default of --no-baselines
    expect((await resume(['--no-baselines'])).error.message).toMatch(/cannot be combined with --no-baselines/);
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
