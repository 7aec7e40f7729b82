import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BedError } from '../errors/BedError.js';
import { HOST_PEERS } from './readManifest.js';

/** One installed copy of a package: its folder (real path) and version. */
export interface PackageCopy {
  readonly dir: string;
  readonly version: string;
}

/** The copy of `name` that Node would find from `fromDir` (walking up `node_modules`), if any. */
export function findPackageCopy(name: string, fromDir: string): PackageCopy | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const pj = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(pj)) {
      const version = String((JSON.parse(readFileSync(pj, 'utf8')) as { version?: unknown }).version ?? '?');
      return { dir: realpathSync(dirname(pj)), version };
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** This core's own folder (the host's `@infobed/core`). */
const coreDir = (): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return realpathSync(dir);
};

/** The host's copies of `HOST_PEERS` (the ones this core runs with). */
export function hostPeerCopies(): Map<string, PackageCopy> {
  const core = coreDir();
  const out = new Map<string, PackageCopy>();
  const version = String((JSON.parse(readFileSync(join(core, 'package.json'), 'utf8')) as { version?: unknown }).version);
  out.set('@infobed/core', { dir: core, version });
  for (const name of HOST_PEERS) {
    if (name === '@infobed/core') continue;
    const c = findPackageCopy(name, core);
    if (c) out.set(name, c);
  }
  return out;
}

/** A plugin's own copy of a host package that the loader will replace by the host's. */
export interface RedirectedCopy extends PackageCopy {
  readonly name: string;
}

/**
 * Detects copies of `HOST_PEERS` that a plugin installed in `pluginRoot` would import instead of
 * the host's. A copy of the same version is returned (the loader redirects it to the host's copy);
 * another version is refused: two TF.js engines or containers would silently disagree.
 * @throws BedError('pluginLoad') naming the package, both versions and both folders.
 */
export function checkPeerCopies(pluginRoot: string, pluginName: string, host = hostPeerCopies()): RedirectedCopy[] {
  const own: RedirectedCopy[] = [];
  for (const [name, hostCopy] of host) {
    const mine = findPackageCopy(name, pluginRoot);
    if (mine === undefined || mine.dir === hostCopy.dir) continue;
    if (mine.version !== hostCopy.version) {
      throw new BedError(
        'pluginLoad',
        `plugin ${pluginName}: brings its own ${name} ${mine.version} (${mine.dir}), but InfoBED runs ${name} ${hostCopy.version}; ` +
          `declare ${name} as a peerDependency and install ${hostCopy.version} for its tests (npm install -D ${name}@${hostCopy.version})`,
      );
    }
    own.push({ name, ...mine });
  }
  return own;
}
