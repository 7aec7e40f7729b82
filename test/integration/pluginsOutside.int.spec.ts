import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPackageCopy } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Issue #13 acceptance: pack @infobed/core, scaffold an estimator, a simulator and a critic plugin into a
 * temporary folder outside the workspace, install them from the tarball, pass their own tests,
 * and run `design`, `estimate` and `evaluate` with them through `--plugin` and a config's
 * `plugins:`, as real `infobed` processes (tsx, as `pnpm infobed` runs).
 *
 * Offline: the plugins' other dependencies (tfjs, inversify, typescript, vitest and core's zod,
 * yaml, random-js) are linked to this clone's copies through pnpm `overrides` in the temporary
 * folder, so CI downloads nothing; a user's `npm install` fetches them from the registry instead.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const coreDir = join(root, 'packages/core');
const PNPM = ['-y', 'pnpm@10.34.9'];

function run(cmd: string, args: string[], cwd: string): { code: number; out: string; err: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** `infobed <args>` as a separate process from `cwd`; parses its one JSON document. */
function infobed(args: string[], cwd: string, common = ['--quiet', '--backend', 'cpu']): { code: number; doc: { ok: boolean; result?: Record<string, unknown>; error?: unknown }; err: string } {
  const r = run(join(root, 'node_modules/.bin/tsx'), [join(root, 'packages/cli/src/bin.ts'), ...args, '--json', ...common], cwd);
  return { code: r.code, doc: JSON.parse(r.out || '{}'), err: r.err };
}

/** pnpm overrides linking every registry dependency to this clone's installed copy. */
function offlineOverrides(): string {
  const links: [string, string][] = [
    ['@tensorflow/tfjs', root],
    ['inversify', root],
    ['typescript', root],
    ['vitest', root],
    ['zod', coreDir],
    ['yaml', coreDir],
    ['random-js', coreDir],
  ];
  return `overrides:\n${links.map(([name, from]) => `  '${name}': 'link:${findPackageCopy(name, from)!.dir}'`).join('\n')}\n`;
}

describe('plugins built outside the repository, from the packed tarball', () => {
  const work = mkdtempSync(join(tmpdir(), 'infobed-outside-'));
  const est = join(work, 'est');
  const sim = join(work, 'sim');
  const critic = join(work, 'critic');
  let tarball = '';

  beforeAll(() => {
    expect(relative(root, work).startsWith('..')).toBe(true);
    const packs = join(work, 'packs');
    mkdirSync(packs);
    const p = run('npx', [...PNPM, 'pack', '--pack-destination', packs], coreDir);
    expect(p.code, p.err).toBe(0);
    tarball = join(packs, 'infobed-core-0.1.0.tgz');
    const listing = run('tar', ['tzf', tarball], work).out;
    expect(listing).toContain('package/dist/index.js');
    expect(listing).toContain('package/dist/index.d.ts');
    expect(listing).not.toContain('package/src/');
  });

  it.each([
    ['estimator', 'my-bound', est],
    ['simulator', 'my-sim', sim],
    ['critic', 'my-critic', critic],
  ])('scaffolds a %s, installs it from the tarball and passes its own ground-truth test', (kind, id, dir) => {
    const s = infobed(['plugins', 'new', kind, id, '--dir', dir, '--core', tarball], root, []);
    expect(s.code, s.err).toBe(0);
    expect(s.doc.result).toMatchObject({ package: `infobed-plugin-${id}`, core: 'vendor/infobed-core-0.1.0.tgz' });
    writeFileSync(join(dir, 'pnpm-workspace.yaml'), offlineOverrides());
    const i = run('npx', [...PNPM, 'install', '--offline'], dir);
    expect(i.code, i.out + i.err).toBe(0);
    const core = JSON.parse(readFileSync(join(dir, 'node_modules/@infobed/core/package.json'), 'utf8'));
    expect(core.exports['.'].default).toBe('./dist/index.js'); // the packed manifest, not the workspace one
    const t = run('npx', [...PNPM, 'test'], dir);
    expect(t.code, t.out + t.err).toBe(0);
    expect(t.out).toMatch(/Tests\s+.*3 passed/);
  });

  it('runs estimate, design and evaluate with them through --plugin', () => {
    const e = infobed(['estimate', '--plugin', est, '--objective', 'my-bound', '--dim', '1', '--mi', '0.5', '--steps', '30', '--batch', '16'], work);
    expect(e.code, e.err).toBe(0);
    expect(e.doc.result!.components).toContainEqual({ kind: 'objective', id: 'my-bound', package: 'infobed-plugin-my-bound', version: '0.1.0', thirdParty: true, options: {} });
    const c = infobed(['estimate', '--plugin', est, '--plugin', critic, '--objective', 'my-bound', '--critic', 'my-critic', '--dim', '1', '--mi', '0.5', '--steps', '30', '--batch', '16'], work);
    expect(c.code, c.err).toBe(0);
    expect(c.doc.result!.components).toContainEqual(expect.objectContaining({ kind: 'critic', id: 'my-critic', package: 'infobed-plugin-my-critic', thirdParty: true }));
    const cfg = join(work, 'flags.yaml');
    writeFileSync(cfg, 'simulator: { id: my-sim, options: { designs: 2, noiseSd: 0.5 } }\ndesign: { steps: 40, finalCriticSteps: 10, batch: 32, evalBatches: 2 }\nevaluate: { method: analytic }\n');
    const d = infobed(['design', '--config', cfg, '--plugin', est, '--plugin', sim, '--objective', 'my-bound', '--out', join(work, 'run-flags')], work);
    expect(d.code, d.err).toBe(0);
    const r = d.doc.result as { design: number[]; eig: { value: number }; components: Record<string, { package: string }> };
    expect(r.components.simulator!.package).toBe('infobed-plugin-my-sim');
    expect(r.components.objective!.package).toBe('infobed-plugin-my-bound');
    const truth = 0.5 * Math.log(1 + r.design.reduce((a, x) => a + x * x, 0) / 0.25);
    expect(r.eig.value).toBeCloseTo(truth, 10); // the plugin's closed form, through the host
    const v = infobed(['evaluate', '--config', cfg, '--plugin', sim, '--design', '[1, -1]', '--method', 'nmc', '--outer', '600', '--inner', '600'], work);
    expect(v.code, v.err).toBe(0);
    const eig = (v.doc.result as { eig: { value: number; stderr: number } }).eig;
    expect(Math.abs(eig.value - 0.5 * Math.log(1 + 2 / 0.25))).toBeLessThan(4 * eig.stderr + 0.03);
  });

  it('runs estimate, design and evaluate with them through a config\'s plugins:', () => {
    const dir = join(work, 'configs');
    mkdirSync(dir);
    const plugins = `plugins: [${relative(dir, est)}, ${relative(dir, sim)}]\n`;
    writeFileSync(join(dir, 'est.yaml'), `${plugins}estimate:\n  objectives: [{ id: my-bound, options: { tau: 2 } }]\n  dim: 1\n  mi: [0.5]\n  stepsPerStage: 30\n  average: 10\n  batch: 16\n`);
    const e = infobed(['estimate', '--config', join(dir, 'est.yaml')], root);
    expect(e.code, e.err).toBe(0);
    expect(e.doc.result!.options).toEqual({ tau: 2 });
    const cfg = join(dir, 'design.yaml');
    writeFileSync(cfg, `${plugins}simulator: { id: my-sim, options: { designs: 1 } }\nobjective: { id: my-bound }\ndesign: { steps: 40, finalCriticSteps: 10, batch: 32, evalBatches: 2 }\n`);
    const d = infobed(['design', '--config', cfg, '--out', join(work, 'run-config')], root);
    expect(d.code, d.err).toBe(0);
    expect((d.doc.result as { components: { simulator: { id: string; thirdParty: boolean } } }).components.simulator).toMatchObject({ id: 'my-sim', thirdParty: true });
    const v = infobed(['evaluate', '--config', cfg, '--design', join(work, 'run-config', 'result.json')], root);
    expect(v.code, v.err).toBe(0);
    expect((v.doc.result as { eig: { method: string } }).eig.method).toBe('analytic');
  });
});
