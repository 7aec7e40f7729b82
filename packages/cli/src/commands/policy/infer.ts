import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inferFromPolicyRun, loadRun, parseHistory } from '@infobed/adaptive';
import { BedError } from '@infobed/core';
import { Command } from 'commander';
import { bootstrap } from '../../bootstrap.js';
import type { CliIo } from '../../CliIo.js';
import { emitResult } from '../../emit.js';
import { addGlobalOptions, defaultOutDir, type GlobalOptions } from '../../globalOptions.js';
import { lockRunFolder } from '../../runFolder.js';
import { addPosteriorOptions, checkLevel, type PosteriorFlags } from '../../posteriorOptions.js';
import { runPlugins } from '../../runPlugins.js';

interface InferFlags extends GlobalOptions, PosteriorFlags {
  readonly run: string;
  readonly observed: string;
  readonly trainingCritic?: boolean;
}

/** `--observed`: inline JSON or a file; a `rollouts.jsonl` line's `theta` is the true θ (drawn in the plot). */
function readObserved(arg: string, cwd: string): { text: string; theta?: number[] } {
  const a = arg.trim();
  const path = resolve(cwd, a);
  const text = !a.startsWith('{') && existsSync(path) ? readFileSync(path, 'utf8').trim().split('\n')[0]! : a;
  let theta: unknown;
  try {
    theta = (JSON.parse(text) as { theta?: unknown }).theta;
  } catch {
    return { text }; // parseHistory names the JSON error
  }
  if (theta === undefined) return { text };
  if (!Array.isArray(theta) || !theta.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new BedError('invalidArgument', `--observed: theta: expected an array of finite numbers (the true θ), got ${JSON.stringify(theta)?.slice(0, 80)}`);
  }
  return { text, theta: theta as number[] };
}

/** `infobed policy infer`: posterior of θ after a finished experiment, from a policy run's history critic (docs/adaptive.md). */
export function makePolicyInferCommand(io: CliIo): Command {
  return addPosteriorOptions(addGlobalOptions(new Command('infer')))
    .description("posterior of the parameters after a finished experiment (T designs and observations), from a critic-trained policy run's history critic; with the exact-likelihood reference when the model has one")
    .requiredOption('--run <dir>', 'a `policy train` run folder with a critic (policy/posterior-critic.json, used first, or the training critic policy/critic.json)')
    .requiredOption('--observed <json|file>', '{"designs": [[…] × T], "observations": [[…] × T]} inline or a file (the first line of a rollouts.jsonl works; its theta is drawn as the truth)')
    .option('--training-critic', "use the policy's training critic (policy/critic.json) even when the run has a posterior critic (policy/posterior-critic.json)")
    .action(async (f: InferFlags) => {
      const runDir = resolve(io.cwd, f.run);
      checkLevel(f.level);
      const s = await bootstrap(io, f, f.backend ?? 'auto', runPlugins(runDir));
      const { text, theta } = readObserved(f.observed, io.cwd);
      const run = loadRun(s.host, runDir);
      let history;
      try {
        history = parseHistory(text, run.seq, { flag: '--observed', complete: true });
        if (theta && theta.length !== run.seq.thetaNames.length) {
          throw new BedError('invalidArgument', `--observed: theta: expected ${run.seq.thetaNames.length} numbers (${run.seq.thetaNames.join(', ')}), got ${theta.length}`);
        }
      } finally {
        run.dispose();
      }
      const folder = lockRunFolder(f.out ?? defaultOutDir('policy-infer'), io.cwd);
      try {
        const r = await inferFromPolicyRun(
          { host: s.host, runDir, history, outDir: folder.dir, ...(theta ? { trueTheta: theta } : {}), ...(f.samples !== undefined ? { priorSamples: f.samples } : {}), ...(f.level !== undefined ? { level: f.level } : {}), ...(f.seed !== undefined ? { seed: f.seed } : {}), ...(f.trainingCritic ? { trainingCritic: true } : {}) },
          (line) => s.progress.log(line),
        );
        const line = (p: { name: string; mean: number; sd: number; lower: number; upper: number; level: number }) =>
          `  ${p.name.padEnd(8)} mean ${p.mean.toPrecision(4)}  sd ${p.sd.toPrecision(3)}  ${Math.round(p.level * 100)}% CI [${p.lower.toPrecision(4)}, ${p.upper.toPrecision(4)}]`;
        emitResult(io, f.json, { ...r, outDir: folder.dir }, [
          `posterior after T = ${r.T} (${r.simulator}; ${r.critic.file}, ${r.critic.objective}, contrast ${r.critic.contrast}; ESS ${r.posterior.ess.toFixed(0)} of ${r.priorSamples}):`,
          ...r.posterior.parameters.map((p, a) => `${line(p)}${r.trueTheta ? `   true ${r.trueTheta[a]!.toPrecision(4)}` : ''}`),
          ...(r.reference ? [`exact-likelihood reference (same prior draws; ESS ${r.reference.ess.toFixed(0)}):`, ...r.reference.parameters.map(line)] : []),
          `results: ${folder.dir}/posterior.json`,
        ].join('\n'));
      } finally {
        folder.release();
      }
    });
}
