import { dirname, join, resolve } from 'node:path';
import { Rng, type BackendPreference } from '@infobed/core';
import { loadMetaConfig, META_METHODS, resolveMetaConfig, runMeta, writeMetaComparison, writeMetaOutputs, type MetaResult } from '@infobed/meta';
import { Command, Option } from 'commander';
import { bootstrap } from '../bootstrap.js';
import type { CliIo } from '../CliIo.js';
import { emitResult } from '../emit.js';
import { addGlobalOptions, defaultOutDir, intArg, numArg, type GlobalOptions } from '../globalOptions.js';

interface MetaFlags extends GlobalOptions {
  readonly method?: string;
  readonly preset?: string;
  readonly iterations?: number;
  readonly lambda?: number;
}

const headline = (r: MetaResult): string => {
  const rows = r.mse.filter((m) => m.steps === undefined || m.steps === 1 || m.steps === 10);
  return rows.map((m) => `  K=${String(m.shots).padStart(2)}${m.steps !== undefined ? ` ${String(m.steps).padStart(2)} step${m.steps === 1 ? ' ' : 's'}` : ''}  ${m.mean.toFixed(3)} ± ${m.ci95.toFixed(3)}`).join('\n');
};

/** `infobed meta`: few-shot sine regression, Meta-FLO / CNP-style / MAML / FOMAML (specs/cli.md). */
export function makeMetaCommand(io: CliIo): Command {
  return addGlobalOptions(new Command('meta'))
    .description('few-shot sine regression: meta-train one method (or all) and evaluate on 600 fixed test tasks')
    .addOption(new Option('--method <id>', 'method; `all` runs every method and writes comparison plots').choices([...META_METHODS, 'all']))
    .option('--preset <name>', 'ci | default | paper (or a preset from the config)')
    .option('--iterations <n>', 'meta-training iterations (overrides the preset)', intArg(1))
    .option('--lambda <x>', 'Meta-FLO weight λ of √Î_FLO (metaflo.lambda; cnp always uses 0)', numArg)
    .action(async (f: MetaFlags) => {
      const where = f.config ?? '(built-in sine config)';
      const over: Record<string, unknown> = {};
      if (f.seed !== undefined) over.seed = f.seed;
      if (f.backend !== undefined) over.backend = f.backend;
      if (f.iterations !== undefined) over.training = { iterations: f.iterations };
      if (f.lambda !== undefined) over.metaflo = { lambda: f.lambda };
      const load = (method?: string) => {
        const o = method ? { ...over, method } : over;
        return f.config ? loadMetaConfig(resolve(io.cwd, f.config), f.preset, o) : resolveMetaConfig({}, where, f.preset, o);
      };
      const methods = f.method === 'all' ? [...META_METHODS] : [f.method];
      const configs = methods.map((m) => load(m));
      const baseDir = f.config ? dirname(resolve(io.cwd, f.config)) : io.cwd;
      const s = await bootstrap(io, f, configs[0]!.backend as BackendPreference, { specs: configs[0]!.plugins ?? [], baseDir });
      const outDir = resolve(io.cwd, f.out ?? defaultOutDir('meta'));
      const results: MetaResult[] = [];
      for (const config of configs) {
        const dir = methods.length > 1 ? join(outDir, config.method) : outDir;
        s.progress.log(`infobed meta: ${config.method} · ${config.training.iterations} iterations · backend ${s.backend.backend} → ${dir}`);
        const r = runMeta(config, new Rng(config.seed), s.progress);
        await writeMetaOutputs(r, dir);
        results.push(r);
      }
      if (results.length > 1) await writeMetaComparison(results, outDir);
      const doc = (r: MetaResult) => ({ method: r.method, backend: r.backend, iterations: r.iterations, seconds: r.seconds, seed: r.seed, parameters: r.parameters, mse: r.mse });
      emitResult(
        io,
        f.json,
        results.length === 1 ? { ...doc(results[0]!), outDir } : { rows: results.map(doc), outDir },
        [
          ...results.map((r) => `${r.method} (${r.iterations} iterations, ${r.seconds} s, ${r.backend}, seed ${r.seed}) test MSE, mean ± CI95 over ${r.mse[0]?.tasks} tasks:\n${headline(r)}`),
          `results: ${outDir}`,
        ].join('\n'),
      );
    });
}
