import type * as z from 'zod';
import { BedError } from '../errors/BedError.js';

/**
 * Validates `value` against a zod schema; on failure throws one `BedError('invalidConfig')`
 * naming the file and the field: `configs/x.yaml: design.steps: Too small: expected number to be >0 (got -5)`.
 * @param where file name (or `--flag`) quoted first in the message.
 * @param prefix dotted path of `value` inside the file (`simulator.options`).
 */
export function parseWithSchema<T>(schema: z.ZodType<T>, value: unknown, where: string, prefix = ''): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = [prefix, ...issue.path.map(String)].filter((p) => p !== '').join('.') || '(root)';
  let got = '';
  if (issue.code !== 'unrecognized_keys') {
    let v: unknown = value;
    for (const k of issue.path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
    if (v !== undefined) got = ` (got ${typeof v === 'number' && !Number.isFinite(v) ? String(v) : JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x))})`;
  }
  throw new BedError('invalidConfig', `${where}: ${path}: ${issue.message}${got}`);
}
