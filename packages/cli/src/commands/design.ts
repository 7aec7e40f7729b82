import { dirname, join, resolve } from 'node:path';
import { checkMemory, memoryLimit, type BackendPreference } from '@infobed/core';
import { DEFAULT_DESIGN_CONFIG, designCritic, designMemoryTerms, readYaml, resolveDesignConfig, runDesign, type EigEvaluator } from '@infobed/design';
import { Command } from 'commander';
import { bootstrap } from '../bootstrap.js';
import type { CliIo } from '../CliIo.js';
import { emitResult } from '../emit.js';
import { addGlobalOptions, defaultOutDir, intArg, type GlobalOptions } from '../globalOptions.js';
import { addResumeOptions, openResume, writeRunOrigin, type ResumeFlags } from '../resumeOptions.js';
import { lockRunFolder } from '../runFolder.js';
import { blameFlags } from '../flagBlame.js';

interface DesignFlags extends GlobalOptions, ResumeFlags {
  readonly objective?: string;
  readonly critic?: string;
  readonly steps?: number;
  readonly designs?: number;
  readonly batch?: number;
  readonly preset?: string;
  readonly restarts?: number;
}

/** Optional independent-EIG evaluators contributed by other packages (nested Monte Carlo, sPCE). */
export interface DesignCommandDeps {
  readonly evaluateEig?: EigEvaluator;
}

/** `infobed design`: optimise an experimental design (specs/cli.md). */
export function makeDesignCommand(io: CliIo, deps: DesignCommandDeps = {}): Command {
  return addResumeOptions(addGlobalOptions(new Command('design')))
    .description('optimise an experimental design by stochastic gradient ascent on an MI objective')
    .option('--objective <id>', 'MI objective id (see `infobed plugins list`)')
    .option('--critic <id>', 'critic id')
    .option('--steps <n>', 'joint critic + design steps', intArg(1))
    .option('--designs <n>', 'number of design coordinates (simulator option `designs`)', intArg(1))
    .option('--batch <n>', 'pairs per step', intArg(2))
    .option('--preset <name>', 'apply a preset from the config (e.g. paper)')
    .option('--restarts <n>', 'short starts from different initial designs; the best by the independent EIG continues (design.restarts)', intArg(1))
    .action(async (f: DesignFlags) => {
      const resumed = f.resume ? openResume(f as DesignFlags & Record<string, unknown>, io.cwd, 'design') : undefined;
      const where = resumed ? resumed.origin.configSource : (f.config ?? '(built-in noisy-linear config)');
      const raw = resumed ? readYaml(join(resumed.dir, 'config.resolved.yaml')) : f.config ? readYaml(resolve(io.cwd, f.config)) : DEFAULT_DESIGN_CONFIG;
      const over: Record<string, unknown> = {};
      if (f.objective) over.objective = { id: f.objective, options: {} };
      if (f.critic) over.critic = { id: f.critic, options: {} };
      if (f.steps !== undefined || f.batch !== undefined || f.restarts !== undefined)
        over.design = { ...(f.steps !== undefined ? { steps: f.steps } : {}), ...(f.batch !== undefined ? { batch: f.batch } : {}), ...(f.restarts !== undefined ? { restarts: f.restarts } : {}) };
      if (f.designs !== undefined) over.simulator = { options: { designs: f.designs } };
      if (f.seed !== undefined) over.seed = f.seed;
      if (f.backend !== undefined) over.backend = f.backend;
      const flagged: Record<string, string> = {};
      if (f.steps !== undefined) flagged['design.steps'] = '--steps';
      if (f.batch !== undefined) flagged['design.batch'] = '--batch';
      if (f.designs !== undefined) flagged['simulator.options.designs'] = '--designs';
      if (f.objective !== undefined) flagged['objective'] = '--objective';
      if (f.critic !== undefined) flagged['critic'] = '--critic';
      const config = blameFlags(where, flagged, () => resolveDesignConfig(raw, where, f.preset, over));
      const baseDir = resumed ? resumed.origin.pluginBaseDir : f.config ? dirname(resolve(io.cwd, f.config)) : io.cwd;
      const s = await bootstrap(io, f, config.backend as BackendPreference, { specs: config.plugins, baseDir, ...(f.config || resumed ? { where } : {}) });
      // The critic that will train (FLO without a critic named for it: its own `shared`), for the memory check and the log.
      const objective = s.host.objectives().find((o) => o.id === config.objective.id); // unknown: runDesign names the field
      const critic = objective ? designCritic(config, objective) : config.critic;
      // Limits before any work: memory estimated from the config against the machine / wasm heap.
      blameFlags(where, flagged, () => checkMemory(designMemoryTerms({ ...config, critic: { ...config.critic, id: critic.id, options: { ...critic.options } } }, where), where, memoryLimit(config.backend)));
      const folder = lockRunFolder(resumed ? resumed.dir : (f.out ?? defaultOutDir('design')), io.cwd, { flag: resumed ? '--resume' : '--out', resume: resumed !== undefined });
      const outDir = folder.dir;
      let result;
      try {
        if (!resumed) writeRunOrigin(outDir, { command: 'design', configSource: where, pluginBaseDir: baseDir });
        s.progress.log(`infobed design: ${config.simulator.id} · ${config.objective.id} · ${critic.id} critic · backend ${s.backend.backend} → ${outDir}`);
        result = await runDesign({
          host: s.host,
          config,
          outDir,
          configSource: where,
          backend: s.backend.backend,
          progress: s.progress,
          resume: resumed !== undefined,
          ...(f.checkpointEvery !== undefined ? { checkpointEvery: f.checkpointEvery } : {}),
          ...(deps.evaluateEig ? { evaluateEig: deps.evaluateEig } : {}),
        });
      } finally {
        folder.release();
      }
      const eig = result.eig ? `\nEIG of this design (${result.eig.method}): ${result.eig.value.toFixed(3)} ± ${result.eig.stderr.toFixed(3)} nats` : '';
      emitResult(
        io,
        f.json,
        { ...result, outDir },
        [
          `design (${result.simulator}, ${result.objective}, ${result.backend}, ${result.seconds} s):`,
          `  [${result.design.map((d) => d.toFixed(3)).join(', ')}]`,
          `bound ${result.mi.bound.toFixed(3)} ± ${result.mi.boundStderr.toFixed(3)} nats (lower bound); estimate ${result.mi.estimate.toFixed(3)} ± ${result.mi.estimateStderr.toFixed(3)} nats (${result.objectiveReports})${eig}`,
          `results: ${outDir}/result.json`,
        ].join('\n'),
      );
    });
}
