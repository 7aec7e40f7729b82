import { register } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PackageCopy } from './peerCopies.js';

/**
 * Resolve hook (runs on Node's loader thread): a bare import of a redirected package made from a
 * module under `data.root` resolves as if made from inside the host's copy, so it gets that copy.
 * `data = { root: file URL ending in /, hosts: Record<package name, file URL of the host copy's package.json> }`.
 */
const HOOK = `
let root = '';
let hosts = {};
export function initialize(data) { root = data.root; hosts = data.hosts; }
export async function resolve(specifier, context, next) {
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
  const host = hosts[name];
  if (host !== undefined && context.parentURL !== undefined && context.parentURL.startsWith(root)) {
    return next(specifier, { ...context, parentURL: host });
  }
  return next(specifier, context);
}
`;

const redirected = new Set<string>();

/**
 * Makes the plugin in `pluginRoot` import the host's copies of `hostCopies` (`@tensorflow/tfjs`,
 * `inversify`, `@infobed/core`) even when it has its own installed: its bare imports of those
 * packages resolve as if made from inside the host's copy. Installs one resolve hook per plugin
 * root (`module.register`, synchronous: it applies to the next import). Returns false where
 * hooks are unavailable (the plugin then uses its own copies, which `checkPeerCopies` has
 * already required to be of the host's versions).
 */
export function redirectToHost(pluginRoot: string, hostCopies: ReadonlyMap<string, PackageCopy>): boolean {
  const root = pathToFileURL(join(pluginRoot, '/')).href;
  if (redirected.has(root)) return true;
  const hosts = Object.fromEntries([...hostCopies].map(([name, c]) => [name, pathToFileURL(join(c.dir, 'package.json')).href]));
  try {
    register(`data:text/javascript,${encodeURIComponent(HOOK)}`, { data: { root, hosts } });
  } catch {
    return false;
  }
  redirected.add(root);
  return true;
}
