import { pathToFileURL } from 'node:url';
import { BedError } from '../errors/BedError.js';
import type { InfobedPlugin } from './InfobedPlugin.js';
import { checkPeerCopies, hostPeerCopies } from './peerCopies.js';
import type { PluginHost } from './PluginHost.js';
import { readManifest } from './readManifest.js';
import { redirectToHost } from './redirectToHost.js';
import { resolvePlugin } from './resolvePlugin.js';

const sorted = (p: Readonly<Record<string, readonly string[] | undefined>>): string =>
  JSON.stringify(Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined && v.length > 0).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v!].sort()])));

/**
 * Resolves `spec` from `baseDir` and, before running any of its code, validates its package.json
 * (`readManifest`: the `"infobed"` manifest and its `apiVersion`, host packages as peers) and its
 * installed copies of `@tensorflow/tfjs`, `inversify` and `@infobed/core` (`checkPeerCopies`: same
 * versions as the host's, and redirected to the host's copies). Then imports it (this runs the
 * plugin's code: only load plugins you trust), validates the default export and registers it with
 * `host` as third-party code.
 * @throws BedError('pluginLoad') naming the plugin and what is wrong.
 */
export async function loadPlugin(host: PluginHost, spec: string, baseDir: string): Promise<InfobedPlugin> {
  const found = resolvePlugin(spec, baseDir);
  const manifest = readManifest(found, spec);
  const name = found.packageJson.name as string;
  const peers = hostPeerCopies();
  checkPeerCopies(found.root, name, peers);
  redirectToHost(found.root, peers);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(found.entry).href)) as Record<string, unknown>;
  } catch (cause) {
    throw new BedError('pluginLoad', `plugin ${spec}: importing ${found.entry} failed: ${(cause as Error).message}`, { cause });
  }
  const candidate = mod.default ?? mod.plugin;
  if (candidate === undefined) {
    throw new BedError('pluginLoad', `plugin ${spec}: ${found.entry} has no default export (expected an InfobedPlugin)`);
  }
  const meta = (candidate as { meta?: { name?: unknown; version?: unknown } }).meta;
  for (const key of ['name', 'version'] as const) {
    if (meta !== undefined && typeof meta[key] === 'string' && meta[key] !== found.packageJson[key]) {
      throw new BedError('pluginLoad', `plugin ${spec}: meta.${key} "${String(meta[key])}" differs from package.json "${key}" "${String(found.packageJson[key])}"; make them equal`);
    }
  }
  const provides = (candidate as { provides?: unknown }).provides;
  if (typeof provides === 'object' && provides !== null && sorted(manifest.provides as Record<string, string[]>) !== sorted(provides as Record<string, string[]>)) {
    throw new BedError(
      'pluginLoad',
      `plugin ${name}: package.json "infobed.provides" ${JSON.stringify(manifest.provides)} differs from the plugin's provides ${JSON.stringify(provides)}`,
    );
  }
  const plugin = host.use(candidate, spec, { thirdParty: true, root: found.root });
  return plugin;
}
