import type * as z from 'zod';
import { BedError } from '../errors/BedError.js';

/** Which config block a plugin's options come from. */
export type PluginRole = 'objective' | 'critic' | 'simulator' | 'task' | 'policy';

/**
 * Parses a plugin's `options` block (`objective.options`, `critic.options`, `simulator.options`)
 * with its zod schema (`undefined` → `{}`, so defaults apply). On failure throws one
 * `BedError('invalidConfig')` naming the field and the plugin, e.g.
 * `objective.options.nu: Too small: expected number to be >0 (got 0) (objective "infonce-anchor")`.
 * Every first-party plugin uses this; third-party plugins should too.
 */
export function parsePluginOptions<S extends z.ZodType>(schema: S, options: unknown, role: PluginRole, id: string): z.infer<S> {
  const value = options ?? {};
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.map(String).join('.') || '(root)';
  let got = '';
  if (issue.code !== 'unrecognized_keys' && issue.path.length > 0) {
    let v: unknown = value;
    for (const k of issue.path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
    if (v !== undefined) got = ` (got ${JSON.stringify(v)})`;
  }
  throw new BedError('invalidConfig', `${role}.options.${field}: ${issue.message}${got} (${role} "${id}")`);
}
