import { BedError, deepMerge, isPlainObject as isObject, parseWithSchema, readYaml } from '@infobed/core';
import { DEFAULT_META_CONFIG, META_PRESETS, MetaConfigSchema, type MetaConfig } from './MetaConfigSchema.js';

/**
 * Built-in defaults ← the config document `raw` ← preset `preset` (the document's `presets.<name>`,
 * else the built-in one) ← `overrides` (CLI flags), validated. `where` names the file in errors.
 */
export function resolveMetaConfig(raw: Record<string, unknown>, where: string, preset?: string, overrides: Record<string, unknown> = {}): MetaConfig {
  let doc = deepMerge(DEFAULT_META_CONFIG as unknown as Record<string, unknown>, raw);
  if (preset !== undefined) {
    const own = isObject(raw.presets) ? raw.presets[preset] : undefined;
    const chosen = own ?? META_PRESETS[preset as keyof typeof META_PRESETS];
    if (!isObject(chosen)) {
      const names = new Set([...Object.keys(META_PRESETS), ...(isObject(raw.presets) ? Object.keys(raw.presets) : [])]);
      throw new BedError('invalidConfig', `${where}: presets.${preset}: no such preset; available: ${[...names].join(', ')}`);
    }
    doc = deepMerge(doc, chosen);
  }
  return parseWithSchema(MetaConfigSchema, deepMerge(doc, overrides), where);
}

/** Reads and resolves a YAML config file (`invalidConfig` naming the file on read/syntax errors). */
export function loadMetaConfig(file: string, preset?: string, overrides: Record<string, unknown> = {}): MetaConfig {
  return resolveMetaConfig(readYaml(file), file, preset, overrides);
}
