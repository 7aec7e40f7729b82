import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/runCliCaptured.js';

/** The crash and hang cases of issue 12: each must be refused before any work, exit 2, naming the field or flag. */
const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'infobed-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const config = (text: string): string => {
  const f = join(dir, `c${n++}.yaml`);
  writeFileSync(f, text);
  return f;
};
const run = (args: string[]) => runCliCaptured([...args, '--json', '--quiet', '--backend', 'wasm'], root);
const error = (stdout: string): { kind: string; message: string } => JSON.parse(stdout).error;

describe('sizes the schema accepts but the machine cannot run: exit 2 before any work', () => {
  it.each([
    ['--batch 6000 (wasm heap)', ['design', '--batch', '6000'], /^--batch: the run would need about 4\.\d+ GiB \(design\.batch: B² × 32 floats with B = 6000/],
    ['--batch 8192', ['design', '--batch', '8192'], /^--batch: the run would need about/],
    ['sir, joint critic, --batch 2048', ['design', '--config', 'configs/sir.yaml', '--batch', '2048'], /^--batch: the run would need about 8\.\d+ GiB \(design\.batch: B² pairs × Σ critic\.options\.hidden \(128\)/],
    ['critic.options.embed: 1e12', ['design', '--config', config('simulator: { id: noisy-linear }\ncritic: { id: separable, options: { embed: 1000000000000 } }\n')], /c\d+\.yaml: critic\.options\.embed: the run would need/],
    ['evaluate.outer: 1e12', ['design', '--config', config('simulator: { id: noisy-linear }\nevaluate: { outer: 1000000000000 }\n')], /c\d+\.yaml: evaluate\.outer: the run would need/],
    ['metaflo.hidden: [1e8]', ['meta', '--config', config('method: metaflo\nmetaflo: { hidden: [100000000] }\n')], /c\d+\.yaml: metaflo\.hidden: the run would need/],
    ['sir horizon: 1e300', ['design', '--config', config('simulator: { id: sir, options: { horizon: 1e300 } }\n')], /c\d+\.yaml: simulator\.options\.horizon: the path bank would take 2\.00e\+305 Euler–Maruyama steps/],
    ['sir dt: 1e-9', ['design', '--config', config('simulator: { id: sir, options: { dt: 1e-9 } }\n')], /c\d+\.yaml: simulator\.options\.dt: the path bank would take 2\.00e\+14/],
    ['estimate --batch 8192', ['estimate', '--objective', 'infonce', '--batch', '8192'], /^--batch: the run would need about 8\.\d+ GiB \(estimate\.batch: B² × 32 floats with B = 8192/],
    ['estimate --dim 1e9', ['estimate', '--objective', 'nwj', '--dim', '1000000000'], /^--dim: the run would need about [\d.e+]+ GiB \(estimate\.dim: first-layer weights/],
    ['estimate critic.options.embed: 1e12', ['estimate', '--config', config('estimate:\n  objectives: [{ id: infonce }]\n  critic: { id: separable, options: { embed: 1000000000000 } }\n')], /c\d+\.yaml: estimate\.critic\.options\.embed: the run would need/],
    ['estimate objectives[0].critic.options.hidden: [1e9]', ['estimate', '--config', config('estimate:\n  objectives: [{ id: nwj, critic: { id: separable, options: { hidden: [1000000000] } } }]\n')], /c\d+\.yaml: estimate\.objectives\.0\.critic\.options\.hidden: the run would need/],
    ['estimate flo (default shared critic, one network over B² pairs) --batch 2048', ['estimate', '--objective', 'flo', '--batch', '2048'], /^--batch: the run would need about \d+\.\d+ GiB \(estimate\.batch: B² pairs × Σ estimate\.objectives\.0\.critic\.options\.hidden/],
    ['a 5 MB config', ['design', '--config', config(`simulator: { id: noisy-linear }\ndescription: "${'x'.repeat(5_000_000)}"\n`)], /c\d+\.yaml: the config file is 4883 KiB, over the 256 KiB limit/],
  ])('%s', async (_name, args, message) => {
    const out = join(dir, `out${n++}`);
    const t0 = Date.now();
    const r = await run([...(args as string[]), '--out', out]);
    expect(r.code, r.stderr).toBe(2);
    expect(error(r.stdout).message).toMatch(message as RegExp);
    expect(existsSync(join(out, 'result.json'))).toBe(false);
    expect(Date.now() - t0).toBeLessThan(30_000); // refused up front, not after training
  });
});

describe('the out folder is validated and locked first', () => {
  it('refuses /proc, a file, a folder holding a run, and a folder locked by a live process', async () => {
    const proc = await run(['design', '--steps', '1', '--out', '/proc/x']);
    expect(proc.code).toBe(2);
    expect(error(proc.stdout).message).toBe('--out: /proc/x is inside /proc, a kernel pseudo-filesystem; choose a folder on disk');
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    for (const cmd of [['design'], ['meta'], ['estimate', '--objective', 'infonce']]) {
      const r = await run([...cmd, '--out', file]);
      expect(r.code, cmd[0]).toBe(2);
      expect(error(r.stdout).message).toMatch(/^--out: .*a-file is a file, expected a folder/);
    }
    const held = join(dir, 'held');
    mkdirSync(join(held, 'checkpoint'), { recursive: true });
    writeFileSync(join(held, 'result.json'), '{}');
    const again = await run(['design', '--steps', '1', '--out', held]);
    expect(error(again.stdout).message).toMatch(/already holds a run \(result\.json\); choose a new folder, or continue an unfinished run with --resume/);
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    writeFileSync(join(locked, '.infobed.lock'), `${process.ppid}\n`); // a live process that is not us
    const busy = await run(['design', '--steps', '1', '--out', locked]);
    expect(busy.code).toBe(2);
    expect(error(busy.stdout).message).toBe(`--out: ${locked} is in use by another infobed run (pid ${process.ppid}); wait for it or choose another folder`);
    writeFileSync(join(locked, '.infobed.lock'), '999999999\n'); // stale: no such process
    const cfg = config('simulator: { id: noisy-linear, options: { designs: 2 } }\ncritic: { id: separable, options: { hidden: [4], embed: 2 } }\ndesign: { steps: 2, finalCriticSteps: 0, batch: 4, evalBatches: 1 }\nevaluate: { method: none }\n');
    const ok = await run(['design', '--config', cfg, '--out', locked]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(existsSync(join(locked, '.infobed.lock'))).toBe(false); // released
  });
});

describe('messages name the file and field, or the flag', () => {
  it.each([
    ['critic options', 'simulator: { id: noisy-linear }\ncritic: { id: bilinear, options: { tau0: -1 } }\n', [], /^.*c\d+\.yaml: critic\.options\.tau0: Too small/],
    ['a NaN', 'simulator: { id: noisy-linear }\ndesign: { lrCritic: .nan }\n', [], /c\d+\.yaml: design\.lrCritic: .*\(got NaN\)$/],
    ['a flag value', 'simulator: { id: noisy-linear }\n', ['--batch', '100000'], /^--batch: Too big: expected number to be <=8192 \(got 100000\)$/],
    ['a config backend', 'simulator: { id: noisy-linear }\nbackend: tensorflow\n', [], /c\d+\.yaml: backend: tensorflow: could not load .*; set backend: auto/],
  ])('%s', async (_name, text, flags, message) => {
    const args = ['design', '--config', config(text as string), ...(flags as string[]), '--out', join(dir, `m${n++}`), '--json', '--quiet'];
    const r = await runCliCaptured(args, root); // no --backend flag: the config's own is used
    expect(r.code, r.stderr).toBe(2);
    expect(error(r.stdout).message).toMatch(message as RegExp);
  });
});

describe('exit 3 keeps its promises', () => {
  it('meta: a NaN writes curve.csv and last-good.json, never result.json', async () => {
    const out = join(dir, 'meta-nan');
    const cfg = config('method: maml\nmaml: { innerLr: 1e30, hidden: [4] }\ntraining: { iterations: 5, evalEvery: 1, tasksPerEpisode: 2, validationTasks: 2 }\nevaluation: { tasks: 2, shots: [1], queries: 2, examples: 0 }\n');
    const r = await run(['meta', '--config', cfg, '--out', out]);
    expect(r.code, r.stderr).toBe(3);
    expect(error(r.stdout).kind).toBe('numerical');
    expect(existsSync(join(out, 'result.json'))).toBe(false);
    const lastGood = JSON.parse(readFileSync(join(out, 'last-good.json'), 'utf8'));
    expect(lastGood.lastGood.iteration).toBe(0);
    expect(readFileSync(join(out, 'curve.csv'), 'utf8').split('\n')[1]).toMatch(/^0,/);
  });
});
