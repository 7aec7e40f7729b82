import * as tf from '@tensorflow/tfjs';
import { BedError } from '../errors/BedError.js';

export type BackendPreference = 'auto' | 'tensorflow' | 'wasm' | 'cpu';
export const BACKEND_PREFERENCES: readonly BackendPreference[] = ['auto', 'tensorflow', 'wasm', 'cpu'];

/** One attempt to load a backend. */
export interface BackendAttempt {
  readonly name: string;
  readonly ok: boolean;
  readonly error?: string;
}

export interface BackendSelection {
  /** `tf.getBackend()` after selection: `tensorflow`, `wasm` or `cpu`. */
  readonly backend: string;
  readonly attempts: readonly BackendAttempt[];
}

const short = (e: unknown): string => String((e as Error)?.message ?? e).split('\n')[0]!.slice(0, 200);

async function tryNative(pkg: string): Promise<BackendAttempt> {
  try {
    await import(pkg); // registers the 'tensorflow' backend; throws when the native addon is missing
    const ok = await tf.setBackend('tensorflow');
    return ok ? { name: pkg, ok } : { name: pkg, ok, error: 'setBackend("tensorflow") returned false' };
  } catch (e) {
    return { name: pkg, ok: false, error: short(e) };
  }
}

async function tryWasm(): Promise<BackendAttempt> {
  try {
    await import('@tensorflow/tfjs-backend-wasm');
    const ok = await tf.setBackend('wasm');
    return ok ? { name: 'wasm', ok } : { name: 'wasm', ok, error: 'setBackend("wasm") returned false' };
  } catch (e) {
    return { name: 'wasm', ok: false, error: short(e) };
  }
}

async function tryCpu(): Promise<BackendAttempt> {
  const ok = await tf.setBackend('cpu');
  return { name: 'cpu', ok };
}

let current: BackendSelection | undefined;

/**
 * Selects the TF.js backend once per process. `auto` tries `@tensorflow/tfjs-node-gpu`,
 * `@tensorflow/tfjs-node` (optional dependencies, often not loadable), then wasm, then the
 * pure-JS cpu backend; each inside try/catch. `tensorflow` tries only the two native packages.
 * Sets `PROD` (silences the "install tfjs-node" banner; leak checks are done with `tf.memory()`).
 * @throws BedError('invalidArgument') when an explicitly requested backend cannot load.
 */
export async function selectBackend(pref: BackendPreference = 'auto'): Promise<BackendSelection> {
  if (current !== undefined && (pref === 'auto' || current.backend === (pref === 'tensorflow' ? 'tensorflow' : pref))) {
    return current;
  }
  tf.env().set('PROD', true);
  const attempts: BackendAttempt[] = [];
  const plan: (() => Promise<BackendAttempt>)[] =
    pref === 'auto'
      ? [() => tryNative('@tensorflow/tfjs-node-gpu'), () => tryNative('@tensorflow/tfjs-node'), tryWasm, tryCpu]
      : pref === 'tensorflow'
        ? [() => tryNative('@tensorflow/tfjs-node-gpu'), () => tryNative('@tensorflow/tfjs-node')]
        : pref === 'wasm'
          ? [tryWasm]
          : [tryCpu];
  for (const step of plan) {
    const a = await step();
    attempts.push(a);
    if (a.ok) {
      await tf.ready();
      current = { backend: tf.getBackend(), attempts };
      return current;
    }
  }
  throw new BedError(
    'invalidArgument',
    `--backend ${pref}: could not load (${attempts.map((a) => `${a.name}: ${a.error ?? 'failed'}`).join('; ')}); try --backend auto`,
  );
}
