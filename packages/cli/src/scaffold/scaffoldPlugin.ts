import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BedError, findPackageCopy, hostPeerCopies, writeFileAtomic } from '@infobed/core';
import { KIND_TEXT, type PluginKindArg } from './kindText.js';
import { packCore } from './packCore.js';

const TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));
const ID = /^[a-z][a-z0-9-]*$/;

export interface ScaffoldOptions {
  readonly kind: string;
  readonly id: string;
  /** Target folder (must not exist or be empty). */
  readonly dir: string;
  /** An `@infobed/core` tarball to copy into `vendor/` instead of packing the host's core. */
  readonly coreTarball?: string;
}

export interface ScaffoldResult {
  readonly dir: string;
  readonly package: string;
  readonly files: string[];
  /** `vendor/<core tarball>`, what the package's devDependency installs. */
  readonly core: string;
}

const pascal = (id: string): string => id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');

/** Every `*.tpl` file under `folder`, as paths relative to it. */
function templateFiles(folder: string, prefix = ''): string[] {
  return readdirSync(join(folder, prefix)).flatMap((f) => {
    const rel = join(prefix, f);
    return statSync(join(folder, rel)).isDirectory() ? templateFiles(folder, rel) : rel.endsWith('.tpl') ? [rel] : [];
  });
}

/** Version of an installed package as the host sees it, or `fallback`. */
const versionOf = (name: string, fallback: string): string => findPackageCopy(name, dirname(TEMPLATES))?.version ?? fallback;

/**
 * Writes a new plugin package of `kind` (`estimator`, `simulator`, `critic`) with id `id` into
 * `dir`: an option schema, the component, its `ContainerModule` and default export, a vitest
 * test against a ground truth, a README, an example config, and `vendor/` holding the host's
 * `@infobed/core` packed with `pnpm pack` (its devDependency), so `npm install && npm test`
 * works in a folder anywhere on disk.
 * @throws BedError('invalidArgument') for a bad kind, id or target folder.
 */
export function scaffoldPlugin(o: ScaffoldOptions): ScaffoldResult {
  const text = KIND_TEXT[o.kind as PluginKindArg];
  if (text === undefined) throw new BedError('invalidArgument', `plugins new: <kind> must be one of ${Object.keys(KIND_TEXT).join(', ')}, got "${o.kind}"`);
  if (!ID.test(o.id)) throw new BedError('invalidArgument', `plugins new: <id> must be kebab-case (lower-case letters, digits, dashes; a letter first), got "${o.id}"`);
  if (existsSync(o.dir) && (!statSync(o.dir).isDirectory() || readdirSync(o.dir).length > 0)) {
    throw new BedError('invalidArgument', `--dir: ${o.dir} already exists and is not an empty folder; choose another`);
  }
  const hosts = hostPeerCopies();
  const core = hosts.get('@infobed/core')!;
  const pkg = `infobed-plugin-${o.id}`;
  const cls = `${pascal(o.id)}${text.classSuffix}`;
  mkdirSync(join(o.dir, 'vendor'), { recursive: true });
  let tarball: string;
  if (o.coreTarball !== undefined) {
    if (!existsSync(o.coreTarball)) throw new BedError('invalidArgument', `--core: no such file ${o.coreTarball}`);
    tarball = basename(o.coreTarball);
    copyFileSync(o.coreTarball, join(o.dir, 'vendor', tarball));
  } else {
    tarball = packCore(core.dir, join(o.dir, 'vendor'));
  }
  const vars: Record<string, string> = {
    __PACKAGE__: pkg,
    __ID__: o.id,
    __CLASS__: cls,
    __MODULE__: `${pascal(o.id).charAt(0).toLowerCase()}${pascal(o.id).slice(1)}Module`,
    __KIND__: text.provides,
    __KINDARG__: o.kind,
    __NOUN__: o.kind,
    __TOKEN__: text.token,
    __DESCRIPTION__: text.description(o.id),
    __SUMMARY__: text.summary,
    __TESTSUMMARY__: text.testSummary,
    __CLASSDOC__: text.classDoc,
    __SPECDOC__: text.specDoc,
    __USAGE__: text.usage(o.id, o.dir),
    __DIR__: o.dir,
    __CONFIG__: text.config(o.id),
    __CORE_VERSION__: core.version,
    __CORE_SPEC__: `file:vendor/${tarball}`,
    __TFJS_VERSION__: hosts.get('@tensorflow/tfjs')?.version ?? '4.22.0',
    __INVERSIFY_VERSION__: hosts.get('inversify')?.version ?? '7.8.0',
    __TS_VERSION__: versionOf('typescript', '5.9.3'),
    __VITEST_VERSION__: versionOf('vitest', '4.1.12'),
  };
  const fill = (s: string): string => s.replace(/__[A-Z_]+__/g, (m) => vars[m] ?? m);
  const files: string[] = [`vendor/${tarball}`];
  for (const folder of [join(TEMPLATES, 'common'), join(TEMPLATES, o.kind)]) {
    for (const rel of templateFiles(folder)) {
      const out = fill(rel.slice(0, -'.tpl'.length)).replace(/^gitignore$/, '.gitignore');
      writeFileAtomic(join(o.dir, out), fill(readFileSync(join(folder, rel), 'utf8')));
      files.push(out);
    }
  }
  return { dir: o.dir, package: pkg, files: files.sort(), core: relative(o.dir, join(o.dir, 'vendor', tarball)) };
}
