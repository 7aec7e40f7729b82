import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BedError, Checkpointer, checkMemory, memoryLimit, readCheckpoint, Rng, writeFileAtomic, type BackendPreference } from '@infobed/core';
import { loadMetaConfig, META_METHODS, MetaConfigSchema, metaMemoryTerms, resolveMetaConfig, runMeta, writeMetaComparison, readMetaResult, writeMetaFailure, writeMetaOutputs, type MetaConfig, type MetaResult } from '@infobed/meta';
import { Command, Option } from 'commander';
import { bootstrap } from '../bootstrap.js';
import type { CliIo } from '../CliIo.js';
import { emitResult } from '../emit.js';
import { addGlobalOptions, defaultOutDir, intArg, numArg, type GlobalOptions } from '../globalOptions.js';
import { addResumeOptions, openResume, writeRunOrigin, type ResumeFlags } from '../resumeOptions.js';
import { lockRunFolder } from '../runFolder.js';

interface MetaFlags extends GlobalOptions, ResumeFlags {
  readonly method?: string;
  readonly preset?: string;
  readonly iterations?: number;
  readonly lambda?: number;
}

const headline = (r: MetaResult): string => {
  const rows = r.mse.filter((m) => m.steps === undefined || m.steps === 1 || m.steps === 10);
  return rows.map((m) => `  K=${String(m.shots).padStart(2)}${m.steps !== undefined ? ` ${String(m.steps).padStart(2)} step${m.steps === 1 ? ' ' : 's'}` : ''}  ${m.mean.toFixed(3)} ± ${m.ci95.toFixed(3)}`).join('\n');
};

/** A finished method's result, read back when a resumed `--method all` run reaches it. */
function readMetaResultOf(dir: string, config: MetaConfig): MetaResult {
  return { ...readMetaResult(dir), config };
}

/** `infobed meta`: few-shot sine regression, Meta-FLO / CNP-style / MAML / FOMAML (specs/cli.md). */
export function makeMetaCommand(io: CliIo): Command {
  return addResumeOptions(addGlobalOptions(new Command('meta')))
    .description('few-shot sine regression: meta-train one method (or all) and evaluate on 600 fixed test tasks')
    .addOption(new Option('--method <id>', 'method; `all` runs every method and writes comparison plots').choices([...META_METHODS, 'all']))
    .option('--preset <name>', 'ci | default | paper (or a preset from the config)')
    .option('--iterations <n>', 'meta-training iterations (overrides the preset)', intArg(1))
    .option('--lambda <x>', 'Meta-FLO weight λ of √Î_FLO (metaflo.lambda; cnp always uses 0)', numArg)
    .action(async (f: MetaFlags) => {
      const resumed = f.resume ? openResume(f as MetaFlags & Record<string, unknown>, io.cwd, 'meta') : undefined;
      const where = resumed ? resumed.origin.configSource : (f.config ?? '(built-in sine config)');
      const over: Record<string, unknown> = {};
      if (f.seed !== undefined) over.seed = f.seed;
      if (f.backend !== undefined) over.backend = f.backend;
      if (f.iterations !== undefined) over.training = { iterations: f.iterations };
      if (f.lambda !== undefined) over.metaflo = { lambda: f.lambda };
      const load = (method?: string) => {
        const o = method ? { ...over, method } : over;
        return f.config ? loadMetaConfig(resolve(io.cwd, f.config), f.preset, o) : resolveMetaConfig({}, where, f.preset, o);
      };
      const methods: (string | undefined)[] = resumed ? ((resumed.origin.extra?.methods as string[] | undefined) ?? []) : f.method === 'all' ? [...META_METHODS] : [f.method];
      // A resumed run reads each method's config back from its folder (config.resolved.json is written before training).
      const configs: MetaConfig[] = resumed
        ? methods.map((m) => MetaConfigSchema.parse(JSON.parse(readFileSync(join(resumed.dir, methods.length > 1 ? (m ?? '') : '', 'config.resolved.json'), 'utf8'))))
        : methods.map((m) => load(m));
      for (const c of configs) checkMemory(metaMemoryTerms(c), where, memoryLimit(c.backend));
      const baseDir = resumed ? resumed.origin.pluginBaseDir : f.config ? dirname(resolve(io.cwd, f.config)) : io.cwd;
      const folder = lockRunFolder(resumed ? resumed.dir : (f.out ?? defaultOutDir('meta')), io.cwd, { flag: resumed ? '--resume' : '--out', resume: resumed !== undefined });
      const outDir = folder.dir;
      const results: MetaResult[] = [];
      try {
        if (!resumed) writeRunOrigin(outDir, { command: 'meta', configSource: where, pluginBaseDir: baseDir, extra: { methods: configs.map((c) => c.method) } });
        const s = await bootstrap(io, f, configs[0]!.backend as BackendPreference, { specs: configs[0]!.plugins ?? [], baseDir, ...(f.config || resumed ? { where } : {}) });
        for (const config of configs) {
          const dir = methods.length > 1 ? join(outDir, config.method) : outDir;
          if (existsSync(join(dir, 'result.json'))) {
            results.push(readMetaResultOf(dir, config));
            continue;
          }
          s.progress.log(`infobed meta: ${config.method} · ${config.training.iterations} iterations · backend ${s.backend.backend} → ${dir}`);
          const file = join(dir, 'checkpoint', 'state.ibck');
          const resume = resumed && existsSync(file) ? readCheckpoint(file, 'meta') : undefined;
          if (resume) s.progress.log(`meta ${config.method}: resuming from the checkpoint at iteration ${resume.step}`);
          writeFileAtomic(join(dir, 'config.resolved.json'), `${JSON.stringify(config, null, 2)}\n`);
          const checkpointer = new Checkpointer({ file, every: f.checkpointEvery ?? 200, component: `meta ${config.method}`, runDir: outDir });
          let r: MetaResult;
          try {
            r = await runMeta(config, new Rng(config.seed), s.progress, { checkpointer, ...(resume ? { resume } : {}) });
          } catch (e) {
            if (BedError.is(e, 'numerical')) writeMetaFailure(e, dir);
            throw e;
          }
          await writeMetaOutputs(r, dir);
          results.push(r);
        }
        if (results.length > 1) await writeMetaComparison(results, outDir);
      } finally {
        folder.release();
      }
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
