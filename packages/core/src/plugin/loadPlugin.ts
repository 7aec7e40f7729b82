import { pathToFileURL } from 'node:url';
import { BedError } from '../errors/BedError.js';
import type { InfobedPlugin } from './InfobedPlugin.js';
import type { PluginHost } from './PluginHost.js';
import { resolvePlugin } from './resolvePlugin.js';

/**
 * Resolves `spec` from `baseDir`, imports it, validates it and registers it with `host`.
 * The package.json `"infobed"` manifest, when present, must declare the same `provides`.
 * @throws BedError('pluginLoad') naming the plugin and what is wrong.
 */
export async function loadPlugin(host: PluginHost, spec: string, baseDir: string): Promise<InfobedPlugin> {
  const found = resolvePlugin(spec, baseDir);
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
  const plugin = host.use(candidate, spec);
  const manifest = found.packageJson.infobed as { provides?: unknown } | undefined;
  if (manifest?.provides !== undefined && JSON.stringify(manifest.provides) !== JSON.stringify(plugin.provides)) {
    throw new BedError(
      'pluginLoad',
      `plugin ${plugin.meta.name}: package.json "infobed.provides" ${JSON.stringify(manifest.provides)} differs from the plugin's provides ${JSON.stringify(plugin.provides)}`,
    );
  }
  return plugin;
}
