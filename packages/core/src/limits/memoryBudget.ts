import * as os from 'node:os';
import { BedError } from '../errors/BedError.js';

/** One part of a run's estimated peak memory, blamed on the config field that sizes it. */
export interface MemoryTerm {
  /** Dotted config field (`design.batch`, `critic.options.hidden`), or a flag (`--batch`). */
  readonly field: string;
  readonly bytes: number;
  /** How the term was computed, quoted in the refusal (`B² × 36 floats`). */
  readonly formula: string;
}

/** The TF.js wasm backend's heap cannot grow past 4 GiB (wasm32). */
export const WASM_HEAP_BYTES = 4 * 1024 ** 3;

/** What a run may use: 80 % of the machine's RAM, and the wasm heap unless the backend is native or pure JS. */
export function memoryLimit(backend: string, totalmem = os.totalmem()): { bytes: number; what: string } {
  const machine = { bytes: 0.8 * totalmem, what: `80% of this machine's ${gib(totalmem)} RAM` };
  if (backend === 'tensorflow' || backend === 'cpu') return machine;
  const wasm = { bytes: 0.85 * WASM_HEAP_BYTES, what: 'the wasm backend heap (4 GiB, 85% usable)' };
  return wasm.bytes < machine.bytes ? wasm : machine;
}

const gib = (b: number): string => (b >= 1024 ** 3 ? `${(b / 1024 ** 3).toPrecision(3)} GiB` : `${(b / 1024 ** 2).toPrecision(3)} MiB`);

/**
 * Refuses a run whose estimated peak memory exceeds `limit`, before any work: one
 * `invalidConfig` naming the file, the field with the largest share, the estimate and the limit.
 * Non-finite or absurd sizes (1e12 widths) are caught here instead of as "Invalid typed array length".
 */
export function checkMemory(terms: readonly MemoryTerm[], where: string, limit: { bytes: number; what: string }): void {
  const total = terms.reduce((a, t) => a + t.bytes, 0);
  if (Number.isFinite(total) && total <= limit.bytes) return;
  const worst = terms.reduce((a, t) => (t.bytes > a.bytes || !Number.isFinite(t.bytes) ? t : a));
  const at = where.startsWith('--') ? worst.field : `${where}: ${worst.field}`;
  throw new BedError(
    'invalidConfig',
    `${at}: the run would need about ${Number.isFinite(total) ? gib(total) : 'unbounded memory'} (${worst.field}: ${worst.formula} ≈ ${Number.isFinite(worst.bytes) ? gib(worst.bytes) : '∞'}), more than ${limit.what} allows (${gib(limit.bytes)}); lower it`,
  );
}

/** Float32 parameters of an MLP `in → hidden… → out`. */
export const mlpParams = (inDim: number, hidden: readonly number[], outDim: number): number => {
  const dims = [inDim, ...hidden, outDim];
  let n = 0;
  for (let i = 0; i + 1 < dims.length; i++) n += dims[i]! * dims[i + 1]! + dims[i + 1]!;
  return n;
};
