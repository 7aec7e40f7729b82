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
    doc = deepMerge(doc, chosen);
  }
  return parseWithSchema(DesignConfigSchema, deepMerge(doc, overrides), where);
}

export function loadDesignConfig(file: string, preset?: string, overrides: Record<string, unknown> = {}): DesignConfig {
  return resolveDesignConfig(readYaml(file), file, preset, overrides);
}
