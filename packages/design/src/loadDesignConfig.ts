import { BedError, deepMerge, isPlainObject, parseWithSchema, readYaml } from '@infobed/core';
import type * as z from 'zod';
import { DesignConfigSchema, type DesignConfig } from './DesignConfigSchema.js';
import { isCriticNamed } from './designCritic.js';

/** Moved to `@infobed/core`; re-exported for existing callers. */
export { deepMerge, readYaml };

/**
 * Loads and validates a design config: file → `preset` overrides → `overrides` (CLI flags, as a
 * partial config) → schema. Errors name the file and the field. Records in `criticNamed` whether
 * the critic was chosen for the objective that runs (`designCritic`).
 */
export function resolveDesignConfig(raw: Record<string, unknown>, where: string, preset?: string, overrides: Record<string, unknown> = {}): DesignConfig {
  return { ...resolveConfigWithPresets(DesignConfigSchema, raw, where, preset, overrides), criticNamed: isCriticNamed(raw, preset, overrides) };
}

/** The same steps (file → preset → overrides → schema) for any config schema with `presets:` (adaptive configs). */
export function resolveConfigWithPresets<T>(schema: z.ZodType<T>, raw: Record<string, unknown>, where: string, preset?: string, overrides: Record<string, unknown> = {}): T {
  let doc = raw;
  if (preset !== undefined) {
    const presets = (isPlainObject(doc.presets) ? doc.presets : {}) as Record<string, unknown>;
    const chosen = presets[preset];
    if (!isPlainObject(chosen)) {
      throw new BedError('invalidConfig', `${where}: presets.${preset}: no such preset; available: ${Object.keys(presets).join(', ') || '(none)'}`);
    }
    doc = deepMerge(replacePluginBlocks(doc, chosen), chosen);
  }
  return parseWithSchema(schema, deepMerge(replacePluginBlocks(doc, overrides), overrides), where);
}

/**
 * An override or preset that names a different plugin (`--objective nwj`, or a `paper` preset with
 * `objective: { id: infonce }`, over a config written for `infonce-anchor`) replaces that block
 * instead of merging into it: the config's options belong to
 * the other plugin and would be rejected. The same id merges as usual (options kept).
 */
function replacePluginBlocks(doc: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  const out = { ...doc };
  for (const key of ['objective', 'critic', 'simulator', 'policy'] as const) {
    const o = overrides[key];
    const d = doc[key];
    if (isPlainObject(o) && typeof o.id === 'string' && isPlainObject(d) && d.id !== o.id) out[key] = { id: o.id };
  }
  return out;
}

export function loadDesignConfig(file: string, preset?: string, overrides: Record<string, unknown> = {}): DesignConfig {
  return resolveDesignConfig(readYaml(file), file, preset, overrides);
}
