import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BedError, Rng, writeFileAtomic, type BackendPreference } from '@infobed/core';
import { DEFAULT_DESIGN_CONFIG, readYaml, resolveDesignConfig } from '@infobed/design';
import { defaultEigMethod, evaluateDesign, type EigMethod } from '@infobed/evaluate';
import { Command, Option } from 'commander';
import { bootstrap } from '../bootstrap.js';
import { checkOutPath } from '../runFolder.js';
import type { CliIo } from '../CliIo.js';
import { emitResult } from '../emit.js';
import { addGlobalOptions, intArg, type GlobalOptions } from '../globalOptions.js';

interface EvaluateFlags extends GlobalOptions {
  readonly design: string;
  readonly method?: EigMethod;
  readonly outer?: number;
  readonly inner?: number;
  readonly preset?: string;
}

/** `--design`: a JSON array, or a path to a `result.json` (its `design`) or to a JSON array file. */
export function parseDesignArg(arg: string, cwd: string): number[] {
  const trimmed = arg.trim();
  let doc: unknown;
  const path = resolve(cwd, trimmed);
  if (!trimmed.startsWith('[') && existsSync(path)) {
    try {
      doc = JSON.parse(readFileSync(path, 'utf8'));
    } catch (cause) {
      throw new BedError('invalidArgument', `--design: ${trimmed} is not valid JSON`, { cause });
    }
    if (typeof doc === 'object' && doc !== null && !Array.isArray(doc)) doc = (doc as { design?: unknown }).design;
  } else {
    try {
      doc = JSON.parse(trimmed);
    } catch (cause) {
      throw new BedError('invalidArgument', `--design: expected a JSON array of numbers or a result.json path, got "${arg}"`, { cause });
    }
  }
  if (!Array.isArray(doc) || !doc.every((d) => typeof d === 'number' && Number.isFinite(d))) {
    throw new BedError('invalidArgument', `--design: expected an array of finite numbers, got ${JSON.stringify(doc)}`);
  }
  return doc as number[];
}

/** `infobed evaluate`: independent EIG of a given design (specs/cli.md). */
export function makeEvaluateCommand(io: CliIo): Command {
  return addGlobalOptions(new Command('evaluate'))
    .description('independent EIG of a given design: sPCE/sNMC bracket or nested Monte Carlo (likelihood), or the closed form')
    .requiredOption('--design <json|file>', 'design as a JSON array, or a result.json whose "design" to evaluate')
    .addOption(new Option('--method <m>', 'estimator (default: config evaluate.method; auto = analytic if any, else spce)').choices(['analytic', 'nmc', 'spce']))
    .option('--outer <n>', 'outer samples N (default: config evaluate.outer)', intArg(2))
    .option('--inner <n>', 'inner samples L per outer sample (default: config evaluate.inner)', intArg(1))
    .option('--preset <name>', 'apply a preset from the config (e.g. paper)')
    .action(async (f: EvaluateFlags) => {
      const where = f.config ?? '(built-in noisy-linear config)';
      const raw = f.config ? readYaml(resolve(io.cwd, f.config)) : DEFAULT_DESIGN_CONFIG;
      const over: Record<string, unknown> = {};
      if (f.seed !== undefined) over.seed = f.seed;
      if (f.backend !== undefined) over.backend = f.backend;
      const config = resolveDesignConfig(raw, where, f.preset, over);
      const design = parseDesignArg(f.design, io.cwd);
      if (f.out) checkOutPath(f.out, io.cwd);
      const baseDir = f.config ? dirname(resolve(io.cwd, f.config)) : io.cwd;
      const s = await bootstrap(io, f, config.backend as BackendPreference, { specs: config.plugins, baseDir, ...(f.config ? { where } : {}) });
      let sim;
      try {
        sim = s.host.simulator(config.simulator.id).create(config.simulator.options);
      } catch (e) {
        if (BedError.is(e) && (e.kind === 'invalidConfig' || e.kind === 'unknownPlugin')) throw new BedError('invalidConfig', `${where}: simulator: ${e.message}`, { cause: e });
        throw e;
      }
      try {
        const cfgMethod = config.evaluate.method;
        const method = f.method ?? (cfgMethod === 'auto' || cfgMethod === 'none' ? defaultEigMethod(sim) : cfgMethod);
        if (method === undefined) {
          throw new BedError('invalidArgument', `evaluate: simulator "${sim.id}" has neither a likelihood nor a closed-form EIG; estimate its EIG with \`infobed design\` (critic bounds)`);
        }
        const outer = f.outer ?? config.evaluate.outer;
        const inner = f.inner ?? config.evaluate.inner;
        s.progress.log(`infobed evaluate: ${sim.id} · ${method}${method === 'analytic' ? '' : ` · N = ${outer}, L = ${inner}`} · backend ${s.backend.backend}`);
        const t0 = Date.now();
        const eig = evaluateDesign(sim, design, { method, outer, inner, progress: s.progress }, new Rng(config.seed).fork('evaluate'));
        const result = { simulator: sim.id, backend: s.backend.backend, seed: config.seed, design, eig, seconds: Math.round((Date.now() - t0) / 100) / 10, components: { simulator: { ...s.host.provenance('simulators', config.simulator.id), options: config.simulator.options } } };
        if (f.out) writeFileAtomic(join(resolve(io.cwd, f.out), 'evaluate.json'), `${JSON.stringify(result, null, 2)}\n`);
        const bracket = eig.upper !== undefined ? ` (sPCE ${eig.lower!.toFixed(3)} ≤ EIG ≤ sNMC ${eig.upper.toFixed(3)} ± ${eig.upperStderr!.toFixed(3)})` : '';
        emitResult(io, f.json, result, `EIG of [${design.map((d) => d.toFixed(3)).join(', ')}] (${sim.id}, ${eig.method}): ${eig.value.toFixed(3)} ± ${eig.stderr.toFixed(3)} nats${bracket}`);
      } finally {
        sim.dispose?.();
      }
    });
}
