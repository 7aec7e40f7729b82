import { readFileSync } from 'node:fs';
import { BedError, deepMerge, isPlainObject, parseWithSchema } from '@infobed/core';
import { parse } from 'yaml';
import { DesignConfigSchema, type DesignConfig } from './DesignConfigSchema.js';

/** Deep merge of plain objects (moved to `@infobed/core`; re-exported for existing callers). */
export { deepMerge };

/** Reads a YAML file into a plain object; `invalidConfig` naming the file on a read or syntax error. */
export function readYaml(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new BedError('invalidConfig', `${file}: cannot read the config file (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message})`, { cause });
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (cause) {
    throw new BedError('invalidConfig', `${file}: not valid YAML: ${(cause as Error).message.split('\n')[0]}`, { cause });
  }
  if (!isPlainObject(doc)) throw new BedError('invalidConfig', `${file}: expected a YAML mapping at the top level`);
  return doc;
}

/**
 * Loads and validates a design config: file → `preset` overrides → `overrides` (CLI flags, as a
 * partial config) → schema. Errors name the file and the field.
 */
export function resolveDesignConfig(raw: Record<string, unknown>, where: string, preset?: string, overrides: Record<string, unknown> = {}): DesignConfig {
  let doc = raw;
  if (preset !== undefined) {
    const presets = (isPlainObject(doc.presets) ? doc.presets : {}) as Record<string, unknown>;
    const chosen = presets[preset];
    if (!isPlainObject(chosen)) {
      throw new BedError('invalidConfig', `${where}: presets.${preset}: no such preset; available: ${Object.keys(presets).join(', ') || '(none)'}`);
    }
    doc = deepMerge(replacePluginBlocks(doc, chosen), chosen);
  }
  return parseWithSchema(DesignConfigSchema, deepMerge(replacePluginBlocks(doc, overrides), overrides), where);
}

/**
 * An override or preset that names a different plugin (`--objective nwj`, or a `paper` preset with
 * `objective: { id: infonce }`, over a config written for `infonce-anchor`) replaces that block
 * instead of merging into it: the config's options belong to
 * the other plugin and would be rejected. The same id merges as usual (options kept).
 */
function replacePluginBlocks(doc: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  const out = { ...doc };
  for (const key of ['objective', 'critic', 'simulator'] as const) {
    const o = overrides[key];
    const d = doc[key];
    if (isPlainObject(o) && typeof o.id === 'string' && isPlainObject(d) && d.id !== o.id) out[key] = { id: o.id };
  }
  return out;
}

export function loadDesignConfig(file: string, preset?: string, overrides: Record<string, unknown> = {}): DesignConfig {
  return resolveDesignConfig(readYaml(file), file, preset, overrides);
}
