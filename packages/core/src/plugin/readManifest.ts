import * as z from 'zod';
import { BedError } from '../errors/BedError.js';
import { PLUGIN_API_VERSION, PluginProvidesSchema, type PluginProvides } from './InfobedPlugin.js';
import type { ResolvedPlugin } from './resolvePlugin.js';

/** Packages a plugin must take from the host (one TF.js engine, one container, one core). */
export const HOST_PEERS = ['@tensorflow/tfjs', 'inversify', '@infobed/core'] as const;

/** The package.json `"infobed"` block: read and checked before any of the plugin's code runs. */
export interface PluginManifest {
  readonly apiVersion: typeof PLUGIN_API_VERSION;
  readonly provides: PluginProvides;
}

const ManifestSchema = z
  .object({ apiVersion: z.number().int(), provides: PluginProvidesSchema })
  .strict();

/**
 * Validates `found.packageJson` before the plugin is imported: a `name` and `version`, an
 * `"infobed": { "apiVersion": 1, "provides": {…} }` block this core speaks, and none of
 * `HOST_PEERS` under `dependencies` (they must be `peerDependencies`).
 * @throws BedError('pluginLoad') naming the plugin, the field and the fix.
 */
export function readManifest(found: ResolvedPlugin, spec: string): PluginManifest {
  const pkg = found.packageJson;
  const where = `plugin ${spec} (${found.root}/package.json)`;
  if (pkg.infobed === undefined) {
    throw new BedError(
      'pluginLoad',
      `${where}: no "infobed" manifest; InfoBED reads it before running any plugin code. Add "infobed": { "apiVersion": ${PLUGIN_API_VERSION}, "provides": { "estimators": ["<id>"] } }`,
    );
  }
  const parsed = ManifestSchema.safeParse(pkg.infobed);
  if (!parsed.success) {
    throw new BedError('pluginLoad', `${where}: "infobed" manifest: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
  }
  if (parsed.data.apiVersion !== PLUGIN_API_VERSION) {
    throw new BedError(
      'pluginLoad',
      `${where}: "infobed.apiVersion" is ${parsed.data.apiVersion}, but this InfoBED speaks plugin API ${PLUGIN_API_VERSION}; use a plugin release for API ${PLUGIN_API_VERSION}`,
    );
  }
  for (const key of ['name', 'version'] as const) {
    if (typeof pkg[key] !== 'string' || pkg[key] === '') throw new BedError('pluginLoad', `${where}: "${key}" is missing`);
  }
  const deps = (pkg.dependencies ?? {}) as Record<string, unknown>;
  for (const peer of HOST_PEERS) {
    if (peer in deps) {
      throw new BedError(
        'pluginLoad',
        `${where}: "${peer}" is under "dependencies"; it must be a peerDependency (and a devDependency for tests) so the plugin runs on InfoBED's own copy`,
      );
    }
  }
  return parsed.data as PluginManifest;
}
