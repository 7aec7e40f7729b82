import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readYaml } from '@infobed/core';
import { runCliCaptured } from '../support/runCliCaptured.js';

/**
 * One test per loader/result finding of issue #13 (and the manifest check of #12), with the
 * plain-JS fixture plugin test/fixtures/plugin-estimators (fixture-tau, fixture-nan, fixture-throw).
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = join(root, 'test/fixtures/plugin-estimators');
const tmp = (): string => mkdtempSync(join(tmpdir(), 'infobed-plugin-findings-'));
const tiny = ['--dim', '1', '--mi', '0.5', '--steps', '4', '--batch', '8', '--backend', 'cpu', '--quiet'];

/** A config in a fresh folder whose `plugins:` names the fixture by a path relative to the config. */
function configWithPlugin(body: string): { dir: string; cfg: string } {
  const dir = tmp();
  const cfg = join(dir, 'est.yaml');
  writeFileSync(cfg, `plugins: [${relative(dir, fixture)}]\n${body}`);
  return { dir, cfg };
}

/** A plugin folder written on the fly: package.json + index.js. */
function writePlugin(pkg: Record<string, unknown>, index: string): string {
  const dir = tmp();
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', exports: './index.js', ...pkg }));
  writeFileSync(join(dir, 'index.js'), index);
  return dir;
}

describe('plugin loader and results (issue #13 findings)', () => {
  it('estimate honours a config\'s plugins: (resolved from the config folder), and records options, package and version per row', async () => {
    const { dir, cfg } = configWithPlugin(
      'estimate:\n  objectives:\n    - { id: fixture-tau, options: { tau: 0.5 } }\n    - { id: fixture-tau, options: { tau: 2 } }\n',
    );
    const out = join(dir, 'out');
    const r = await runCliCaptured(['estimate', '--config', cfg, ...tiny, '--out', out, '--json'], root);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    expect(result.rows.map((x: { options: unknown }) => x.options)).toEqual([{ tau: 0.5 }, { tau: 2 }]);
    expect(result.components).toContainEqual({ kind: 'objective', id: 'fixture-tau', package: 'infobed-plugin-fixture-estimators', version: '0.3.1', thirdParty: true, options: { tau: 2 } });
    expect(result.components).toContainEqual(expect.objectContaining({ kind: 'critic', id: 'separable', package: '@infobed/plugin-critics', thirdParty: false }));
    expect(readFileSync(join(out, 'estimate.csv'), 'utf8')).toContain('"{""tau"":0.5}"');
  });

  it('a NaN from a plugin objective in estimate exits 3 and writes no result.json', async () => {
    const out = join(tmp(), 'out');
    const r = await runCliCaptured(['estimate', '--plugin', fixture, '--objective', 'fixture-nan', ...tiny, '--out', out, '--json'], root);
    expect(r.code, r.stderr).toBe(3);
    expect(JSON.parse(r.stdout).error).toMatchObject({ kind: 'numerical', message: expect.stringMatching(/fixture-nan: mi is NaN at step 1/) });
    expect(existsSync(join(out, 'result.json'))).toBe(false);
  });

  it('a plugin that throws is reported naming the plugin, its version and the method (exit 4, not an internal error)', async () => {
    const r = await runCliCaptured(['estimate', '--plugin', fixture, '--objective', 'fixture-throw', ...tiny], root);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^infobed: plugin infobed-plugin-fixture-estimators 0\.3\.1 \(objective "fixture-throw"\): evaluate threw: boom from the fixture/);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  it('design records every component in result.json and writes absolute plugin paths to config.resolved.yaml, which re-runs from elsewhere', async () => {
    const dir = tmp();
    const out = join(dir, 'run');
    const rel = relative(root, fixture);
    const cfg = join(dir, 'tiny.yaml');
    writeFileSync(cfg, 'simulator: { id: noisy-linear, options: { designs: 2 } }\ndesign: { steps: 3, finalCriticSteps: 1, batch: 8, evalBatches: 1 }\nevaluate: { method: none }\n');
    const args = ['--config', cfg, '--backend', 'cpu', '--quiet', '--json'];
    const r = await runCliCaptured(['design', '--plugin', rel, '--objective', 'fixture-tau', ...args, '--out', out], root);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    expect(result.components.objective).toEqual({ id: 'fixture-tau', package: 'infobed-plugin-fixture-estimators', version: '0.3.1', thirdParty: true, options: {} });
    expect(result.components.simulator).toMatchObject({ id: 'noisy-linear', package: '@infobed/simulator-noisy-linear', thirdParty: false });
    const resolved = readYaml(join(out, 'config.resolved.yaml'));
    expect(resolved.plugins).toEqual([fixture]);
    const again = await runCliCaptured(['design', '--config', join(out, 'config.resolved.yaml'), '--steps', '2', '--out', join(dir, 'again'), '--quiet', '--json'], dir);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).result.objective).toBe('fixture-tau');
  });

  it('checks package.json "infobed.apiVersion" before importing any plugin code', async () => {
    const dir = writePlugin(
      { name: 'infobed-plugin-api2', version: '1.0.0', infobed: { apiVersion: 2, provides: { estimators: ['x'] } } },
      "throw new Error('plugin code ran');\n",
    );
    const r = await runCliCaptured(['plugins', 'list', '--plugin', dir], root);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/"infobed\.apiVersion" is 2, but this InfoBED speaks plugin API 1/);
    expect(r.stderr).not.toMatch(/plugin code ran/);
  });

  it('refuses, before importing, a plugin without an "infobed" manifest or with host packages under dependencies', async () => {
    const bare = writePlugin({ name: 'infobed-plugin-bare', version: '1.0.0' }, "throw new Error('plugin code ran');\n");
    const r1 = await runCliCaptured(['plugins', 'list', '--plugin', bare], root);
    expect(r1.code).toBe(4);
    expect(r1.stderr).toMatch(/no "infobed" manifest; InfoBED reads it before running any plugin code/);
    const deps = writePlugin(
      { name: 'infobed-plugin-deps', version: '1.0.0', infobed: { apiVersion: 1, provides: {} }, dependencies: { '@tensorflow/tfjs': '4.21.0' } },
      "throw new Error('plugin code ran');\n",
    );
    const r2 = await runCliCaptured(['plugins', 'list', '--plugin', deps], root);
    expect(r2.code).toBe(4);
    expect(r2.stderr).toMatch(/"@tensorflow\/tfjs" is under "dependencies"; it must be a peerDependency/);
  });

  it('names the missing build when a package\'s entry (dist/) does not exist yet', async () => {
    const dir = writePlugin({ name: 'infobed-plugin-unbuilt', version: '1.0.0', infobed: { apiVersion: 1, provides: {} }, exports: { '.': { default: './dist/index.js' } } }, '');
    const r = await runCliCaptured(['plugins', 'list', '--plugin', dir], root);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/no entry module in .* \(looked for \.\/dist\/index\.js\); if it compiles to dist\/, build it first/);
  });

  it('detects a plugin that brings its own copy of tfjs of another version', async () => {
    const dir = writePlugin(
      { name: 'infobed-plugin-own-tfjs', version: '1.0.0', infobed: { apiVersion: 1, provides: {} }, peerDependencies: { '@tensorflow/tfjs': '*' } },
      "throw new Error('plugin code ran');\n",
    );
    mkdirSync(join(dir, 'node_modules/@tensorflow/tfjs'), { recursive: true });
    writeFileSync(join(dir, 'node_modules/@tensorflow/tfjs/package.json'), JSON.stringify({ name: '@tensorflow/tfjs', version: '4.21.0' }));
    const r = await runCliCaptured(['plugins', 'list', '--plugin', dir], root);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/infobed-plugin-own-tfjs: brings its own @tensorflow\/tfjs 4\.21\.0 .* but InfoBED runs @tensorflow\/tfjs 4\.22\.0/);
  });

  it('runs a plugin that installed its own copy of tfjs of the host version on the host copy (a real process, as the CLI runs)', () => {
    const dir = writePlugin(
      { name: 'infobed-plugin-same-tfjs', version: '1.0.0', infobed: { apiVersion: 1, provides: { estimators: ['same-tfjs'] } }, peerDependencies: { '@tensorflow/tfjs': '4.22.0' } },
      [
        "import * as tf from '@tensorflow/tfjs';",
        "import { ContainerModule } from 'inversify';",
        "const f = { id: 'same-tfjs', description: `backend ${tf.getBackend()}`, type: 1, reports: 'bound', create: () => ({ id: 'same-tfjs', type: 1, evaluate: () => ({ loss: tf.scalar(0), mi: tf.scalar(0) }) }) };",
        "export default { meta: { name: 'infobed-plugin-same-tfjs', version: '1.0.0', apiVersion: 1 }, provides: { estimators: ['same-tfjs'] }, module: new ContainerModule(({ bind }) => { bind(Symbol.for('@infobed/core/ObjectiveFactory')).toConstantValue(f); }) };",
      ].join('\n'),
    );
    for (const [name, version] of [['@tensorflow/tfjs', '4.22.0'], ['inversify', '7.8.0']] as const) {
      mkdirSync(join(dir, 'node_modules', name), { recursive: true });
      writeFileSync(join(dir, 'node_modules', name, 'package.json'), JSON.stringify({ name, version, type: 'module', exports: './index.js' }));
      writeFileSync(join(dir, 'node_modules', name, 'index.js'), `throw new Error('the plugin's own copy of ${name} was imported');\n`);
    }
    const r = spawnSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'packages/cli/src/bin.ts'), 'plugins', 'list', '--json', '--backend', 'cpu', '--plugin', dir], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).result.estimators).toContainEqual({ id: 'same-tfjs', package: 'infobed-plugin-same-tfjs' });
  });
});
