import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BedError, readYaml, type BackendPreference } from '@infobed/core';
import { CRITIC_FILE } from '@infobed/design';
import { inferFromRun } from '@infobed/posterior';
import { Command } from 'commander';
import { bootstrap } from '../bootstrap.js';
import type { CliIo } from '../CliIo.js';
import { emitResult } from '../emit.js';
import { addGlobalOptions, defaultOutDir, type GlobalOptions } from '../globalOptions.js';
import { addPosteriorOptions, checkLevel, type PosteriorFlags } from '../posteriorOptions.js';
import { lockRunFolder } from '../runFolder.js';

interface InferFlags extends GlobalOptions, PosteriorFlags {
  readonly run: string;
  readonly observed: string;
}

/**
 * `--observed`: a JSON array, or a file holding one (`.json`) or one line of comma-separated
 * numbers (`.csv`; a header line of names is skipped).
 */
export function parseObserved(arg: string, cwd: string): number[] {
  const path = resolve(cwd, arg.trim());
  let text = arg.trim();
  if (!text.startsWith('[') && existsSync(path)) text = readFileSync(path, 'utf8').trim();
  else if (/\.(csv|json)$/i.test(text) || text.includes('/')) throw new BedError('invalidArgument', `--observed: no such file: ${arg}`);
  let values: unknown;
  if (text.startsWith('[')) {
    try {
      values = JSON.parse(text);
    } catch (cause) {
      throw new BedError('invalidArgument', `--observed: not valid JSON: ${(cause as Error).message}`, { cause });
    }
  } else {
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    const numeric = lines.filter((l) => l.split(',').every((c) => c.trim() !== '' && Number.isFinite(Number(c))));
    if (numeric.length !== 1) throw new BedError('invalidArgument', `--observed: expected a JSON array or a CSV with one row of numbers, got ${numeric.length} numeric rows in "${arg.slice(0, 80)}"`);
    values = numeric[0]!.split(',').map(Number);
  }
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new BedError('invalidArgument', `--observed: expected an array of finite numbers, got ${JSON.stringify(values)?.slice(0, 80)}`);
  }
  return values as number[];
}

/** `infobed infer`: posterior of θ for the outcome observed when the run's design was carried out (docs/infer.md). */
export function makeInferCommand(io: CliIo): Command {
  return addPosteriorOptions(addGlobalOptions(new Command('infer')))
    .description("posterior of the parameters for an observed outcome, from a design run's trained critic")
    .requiredOption('--run <dir>', 'a finished `infobed design` run folder (holds model/critic.ibck)')
    .requiredOption('--observed <json|csv>', 'the observed outcome at the run’s design: a JSON array, or a .json / .csv file')
    .action(async (f: InferFlags) => {
      const runDir = resolve(io.cwd, f.run);
      if (!existsSync(join(runDir, CRITIC_FILE))) {
        throw new BedError('invalidArgument', `--run: ${f.run} has no ${CRITIC_FILE}; give the folder of a finished \`infobed design\` run (runs made before this version did not save the critic)`);
      }
      const observed = parseObserved(f.observed, io.cwd);
      checkLevel(f.level);
      const config = readYaml(join(runDir, 'config.resolved.yaml'));
      const plugins = Array.isArray(config.plugins) ? (config.plugins as string[]) : [];
      const backend = (f.backend ?? (typeof config.backend === 'string' ? config.backend : 'auto')) as BackendPreference;
      const folder = lockRunFolder(f.out ?? defaultOutDir('infer'), io.cwd);
      try {
        const s = await bootstrap(io, f, backend, { specs: plugins, baseDir: runDir });
        const r = await inferFromRun(
          { host: s.host, runDir, observed, outDir: folder.dir, ...(f.samples !== undefined ? { priorSamples: f.samples } : {}), ...(f.level !== undefined ? { level: f.level } : {}), ...(f.seed !== undefined ? { seed: f.seed } : {}) },
          (line) => s.progress.log(line),
        );
        emitResult(
          io,
          f.json,
          { ...r, outDir: folder.dir },
          [
            `posterior (${r.simulator}, ${r.critic} critic trained with ${r.objective.id}; ESS ${r.ess.toFixed(0)} of ${r.priorSamples}):`,
            ...r.parameters.map((p) => `  ${p.name.padEnd(8)} mean ${p.mean.toFixed(4)}  sd ${p.sd.toFixed(4)}  ${Math.round(p.level * 100)}% CI [${p.lower.toFixed(4)}, ${p.upper.toFixed(4)}]`),
            `results: ${folder.dir}/posterior.json`,
          ].join('\n'),
        );
      } finally {
        folder.release();
      }
    });
}
