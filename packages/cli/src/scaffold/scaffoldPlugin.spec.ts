import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BedError, hostPeerCopies } from '@infobed/core';
import { describe, expect, it } from 'vitest';
import { scaffoldPlugin } from './scaffoldPlugin.js';

/** A stand-in for the packed core (the integration test installs the real one). */
function fakeTarball(): string {
  const dir = mkdtempSync(join(tmpdir(), 'infobed-scaffold-core-'));
  const file = join(dir, 'infobed-core-0.1.0.tgz');
  writeFileSync(file, 'not a real tarball');
  return file;
}

describe('scaffoldPlugin', () => {
  it.each([
    ['estimator', 'my-bound', 'MyBoundObjective', 'estimators'],
    ['simulator', 'death-proc', 'DeathProcSimulator', 'simulators'],
    ['critic', 'wide2', 'Wide2Critic', 'critics'],
  ])('writes a complete %s package with every placeholder filled', (kind, id, cls, provides) => {
    const dir = join(mkdtempSync(join(tmpdir(), 'infobed-scaffold-')), 'p');
    const r = scaffoldPlugin({ kind, id, dir, coreTarball: fakeTarball() });
    expect(r.files).toEqual(['.gitignore', 'README.md', 'example.yaml', 'package.json', `src/${cls}.spec.ts`, `src/${cls}.ts`, 'src/index.ts', 'src/module.ts', 'tsconfig.json', 'vendor/infobed-core-0.1.0.tgz']);
    for (const f of r.files.filter((x) => !x.startsWith('vendor/'))) expect(readFileSync(join(dir, f), 'utf8'), f).not.toMatch(/__[A-Z_]+__/);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg.name).toBe(`infobed-plugin-${id}`);
    expect(pkg.infobed).toEqual({ apiVersion: 1, provides: { [provides]: [id] } });
    const host = hostPeerCopies();
    expect(pkg.peerDependencies['@tensorflow/tfjs']).toBe(host.get('@tensorflow/tfjs')!.version);
    expect(pkg.devDependencies['@infobed/core']).toBe('file:vendor/infobed-core-0.1.0.tgz');
    expect(pkg.dependencies).toBeUndefined();
    const index = readFileSync(join(dir, 'src/index.ts'), 'utf8');
    expect(index).toContain(`meta: { name: 'infobed-plugin-${id}', version: '${pkg.version}', apiVersion: 1 }`);
    expect(index).toContain(`provides: { ${provides}: ['${id}'] }`);
  });

  it('refuses a bad kind, a bad id and a non-empty folder, naming the argument', () => {
    const dir = mkdtempSync(join(tmpdir(), 'infobed-scaffold-'));
    const expectArg = (f: () => unknown, re: RegExp): void => {
      try {
        f();
        expect.unreachable();
      } catch (e) {
        expect(BedError.is(e, 'invalidArgument')).toBe(true);
        expect((e as Error).message).toMatch(re);
      }
    };
    expectArg(() => scaffoldPlugin({ kind: 'policy', id: 'x', dir: join(dir, 'a') }), /<kind> must be one of estimator, simulator, critic, got "policy"/);
    expectArg(() => scaffoldPlugin({ kind: 'critic', id: 'My_Critic', dir: join(dir, 'b') }), /<id> must be kebab-case/);
    writeFileSync(join(dir, 'taken'), '');
    expectArg(() => scaffoldPlugin({ kind: 'critic', id: 'c', dir }), /--dir: .* already exists and is not an empty folder/);
  });
});
