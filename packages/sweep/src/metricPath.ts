import { BedError } from '@infobed/core';

/**
 * Reads a metric from a result document: dotted fields (`eig.value`) and array selectors that pick
 * the one element whose fields match (`mse[shots=3].mean`, `mse[shots=10,steps=1].mean`; an
 * element without a selector's key does not match). Returns undefined when the path is absent.
 */
export function readMetric(doc: unknown, path: string): number | undefined {
  let v: unknown = doc;
  for (const part of path.split('.')) {
    const m = /^([^[\]]+)(?:\[([^\]]+)\])?$/.exec(part);
    if (m === null) throw new BedError('invalidConfig', `metrics: "${path}": cannot parse "${part}" (expected name or name[key=value,…])`);
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[m[1]!] : undefined;
    if (m[2] !== undefined) {
      if (!Array.isArray(v)) return undefined;
      const conds = m[2].split(',').map((c) => c.split('=').map((s) => s.trim()) as [string, string]);
      v = v.find((el: unknown) => el !== null && typeof el === 'object' && conds.every(([k, x]) => k in el && String((el as Record<string, unknown>)[k]) === x));
    }
    if (v === undefined) return undefined;
  }
  return typeof v === 'number' ? v : undefined;
}
