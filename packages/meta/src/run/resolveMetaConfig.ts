import { readFileSync } from 'node:fs';
import { BedError, parseWithSchema } from '@infobed/core';
import { parse } from 'yaml';
import { DEFAULT_META_CONFIG, META_PRESETS, MetaConfigSchema, type MetaConfig } from './MetaConfigSchema.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep merge of plain objects; arrays and scalars in `over` replace those in `base`. */
export function mergeConfig(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isObject(v) && isObject(out[k]) ? mergeConfig(out[k] as Record<string, unknown>, v) : v;
  return out;
}

/**
 * Built-in defaults ← the config document `raw` ← preset `preset` (the document's `presets.<name>`,
 * else the built-in one) ← `overrides` (CLI flags), validated. `where` names the file in errors.
 */
export function resolveMetaConfig(raw: Record<string, unknown>, where: string, preset?: string, overrides: Record<string, unknown> = {}): MetaConfig {
  let doc = mergeConfig(DEFAULT_META_CONFIG as unknown as Record<string, unknown>, raw);
  if (preset !== undefined) {
    const own = isObject(raw.presets) ? raw.presets[preset] : undefined;
    const chosen = own ?? META_PRESETS[preset as keyof typeof META_PRESETS];
    if (!isObject(chosen)) {
      const names = new Set([...Object.keys(META_PRESETS), ...(isObject(raw.presets) ? Object.keys(raw.presets) : [])]);
      throw new BedError('invalidConfig', `${where}: presets.${preset}: no such preset; available: ${[...names].join(', ')}`);
    }
    doc = mergeConfig(doc, chosen);
  }
  return parseWithSchema(MetaConfigSchema, mergeConfig(doc, overrides), where);
}

/** Reads and resolves a YAML config file (`invalidConfig` naming the file on read/syntax errors). */
export function loadMetaConfig(file: string, preset?: string, overrides: Record<string, unknown> = {}): MetaConfig {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new BedError('invalidConfig', `${file}: cannot read the config (${(cause as Error).message.split('\n')[0]})`, { cause });
  }
  if (!isObject(doc)) throw new BedError('invalidConfig', `${file}: expected a YAML mapping at the top level`);
  return resolveMetaConfig(doc, file, preset, overrides);
}
