import { BedError, loadPlugin, PluginHost, selectBackend, type BackendPreference, type BackendSelection } from '@infobed/core';
import type { CliIo } from './CliIo.js';
import { FIRST_PARTY_PLUGINS } from './firstParty.js';
import type { GlobalOptions } from './globalOptions.js';
import { StderrProgress } from './StderrProgress.js';

export interface Session {
  readonly host: PluginHost;
  readonly backend: BackendSelection;
  readonly progress: StderrProgress;
}

/**
 * Selects the backend, registers the first-party plugins, then third-party ones: config
 * `plugins:` (resolved from the config file's folder) and `--plugin` (from the working directory).
 */
export async function bootstrap(
  io: CliIo,
  g: GlobalOptions,
  backend: BackendPreference,
  configPlugins: { readonly specs: readonly string[]; readonly baseDir: string; readonly where?: string } = { specs: [], baseDir: io.cwd },
): Promise<Session> {
  if (g.threads !== undefined) process.env.INFOBED_GEMM_THREADS = String(g.threads); // read when the native kernels install
  const progress = new StderrProgress(g.quiet ? 'off' : g.json || !io.stderrIsTTY ? 'lines' : 'bar', io.stderr);
  let selection: BackendSelection;
  try {
    selection = await selectBackend(backend);
  } catch (e) {
    // The preference came from the config file, not from --backend: say so.
    if (BedError.is(e, 'invalidArgument') && g.backend === undefined && configPlugins.where !== undefined) {
      throw new BedError('invalidConfig', `${configPlugins.where}: backend: ${e.message.replace(/^--backend /, '').replace(/; try --backend auto$/, '')}; set backend: auto (or wasm)`, { cause: e });
    }
    throw e;
  }
  const fellBack = selection.attempts.filter((a) => !a.ok);
  if (backend === 'auto' && fellBack.length > 0 && !g.quiet) {
    progress.log(`backend: ${selection.backend} (${fellBack.map((a) => `${a.name} unavailable`).join(', ')})`);
  }
  const host = new PluginHost();
  for (const p of FIRST_PARTY_PLUGINS) host.use(p, p.meta.name);
  for (const spec of configPlugins.specs) await loadPlugin(host, spec, configPlugins.baseDir);
  for (const spec of g.plugin) await loadPlugin(host, spec, io.cwd);
  return { host, backend: selection, progress };
}
