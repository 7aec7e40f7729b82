import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { boundIds, InfobedPluginSchema } from '@infobed/core';
import { describe, expect, it } from 'vitest';

/** Every plugin folder (estimators, critics, simulators, examples) is complete and loadable. */
const root = fileURLToPath(new URL('../../', import.meta.url));
const folders = ['plugins', 'simulators', 'examples'].flatMap((group) =>
  existsSync(join(root, group))
    ? readdirSync(join(root, group), { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(root, group, d.name, 'package.json')))
        .map((d) => `${group}/${d.name}`)
    : [],
);

describe.each(folders)('%s', (dir) => {
  const path = join(root, dir);
  const pkg = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8'));

  it('has a README and at least one spec beside its code', () => {
    expect(existsSync(join(path, 'README.md'))).toBe(true);
    expect(readdirSync(join(path, 'src')).some((f) => f.endsWith('.spec.ts'))).toBe(true);
  });

  it('default-exports a valid plugin whose ids match its manifest and bindings', async () => {
    const plugin = (await import(pathToFileURL(join(path, 'src/index.ts')).href)).default;
    expect(InfobedPluginSchema.parse(plugin).meta.name).toBe(pkg.name);
    expect(pkg.keywords).toContain('infobed-plugin');
    expect(plugin.provides).toEqual(pkg.infobed.provides);
    const bound = boundIds(plugin.module);
    for (const kind of Object.keys(plugin.provides)) expect([...bound[kind as keyof typeof bound]!].sort()).toEqual([...plugin.provides[kind]].sort());
  });
});

describe('first-party registry', () => {
  it('registers every first-party plugin folder in the CLI', async () => {
    const { FIRST_PARTY_PLUGINS } = await import('@infobed/cli');
    const names = FIRST_PARTY_PLUGINS.map((p) => p.meta.name);
    for (const dir of folders.filter((f) => !f.startsWith('examples/'))) {
      const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
      expect(names, `${dir} is not in packages/cli/src/firstParty.ts`).toContain(pkg.name);
    }
  });
});
