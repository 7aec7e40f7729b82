import { selectBackend } from '@infobed/core';

export interface BackendReport {
  readonly backends: { name: string; ok: boolean; error?: string }[];
  readonly auto: string;
}

/** Tries every backend in `auto` order (the native ones, wasm, cpu) and reports which loads. */
export async function probeBackends(): Promise<BackendReport> {
  const auto = await selectBackend('auto');
  const backends = auto.attempts.map((a) => ({ name: a.name, ok: a.ok, ...(a.error ? { error: a.error } : {}) }));
  // `auto` stops at the first that loads; report the ones after it too.
  const tried = new Set(backends.map((b) => b.name));
  for (const name of ['wasm', 'cpu'] as const) {
    if (tried.has(name)) continue;
    try {
      await selectBackend(name);
      backends.push({ name, ok: true });
    } catch (e) {
      backends.push({ name, ok: false, error: (e as Error).message });
    }
  }
  await selectBackend(auto.backend === 'tensorflow' ? 'tensorflow' : (auto.backend as 'wasm' | 'cpu'));
  return { backends, auto: auto.backend };
}
