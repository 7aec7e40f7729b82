import { resolve } from 'node:path';
import { runPolicyEvaluate } from '@infobed/adaptive';
import { Command } from 'commander';
import { bootstrap } from '../../bootstrap.js';
import { runPlugins } from '../../runPlugins.js';
import type { CliIo } from '../../CliIo.js';
import { emitResult } from '../../emit.js';
import { addGlobalOptions, intArg, type GlobalOptions } from '../../globalOptions.js';
import { freshCriticLines } from './freshCriticLines.js';
import { posteriorLines } from './posteriorLines.js';

interface EvaluateFlags extends GlobalOptions {
  readonly run: string;
  readonly rollouts?: number;
  readonly inner?: number;
  readonly byT?: boolean;
  readonly baselines?: boolean;
}

/** `infobed policy evaluate`: sPCE/sNMC (implicit simulators: fresh-critic bounds, t = 1 … T, and plots) of a trained run's policy and baselines. */
export function makePolicyEvaluateCommand(io: CliIo): Command {
  return addGlobalOptions(new Command('evaluate'))
    .description('evaluate a trained policy and its saved baselines: total EIG by sPCE (lower) and sNMC (upper) over N rollouts with L inner samples; implicit simulators (SIR): InfoNCE and NWJ lower bounds from fresh critics on held-out rollouts')
    .requiredOption('--run <dir>', 'a `policy train` run folder')
    .option('--rollouts <n>', 'rollouts N (default: the run config evaluate.rollouts)', intArg(2))
    .option('--inner <n>', 'inner samples L (default: the run config evaluate.inner)', intArg(1))
    .option('--no-baselines', 'evaluate the policy only, not the saved baselines')
    .option('--no-by-t', 'implicit simulators (SIR): only the bound of all T measurements, not of every prefix t < T')
    .action(async (f: EvaluateFlags) => {
      const runDir = resolve(io.cwd, f.run);
      const s = await bootstrap(io, f, f.backend ?? 'auto', runPlugins(runDir));
      const r = await runPolicyEvaluate({
        host: s.host, runDir, backend: s.backend.backend, progress: s.progress,
        ...(f.rollouts !== undefined ? { rollouts: f.rollouts } : {}),
        ...(f.inner !== undefined ? { inner: f.inner } : {}),
        ...(f.seed !== undefined ? { seed: f.seed } : {}),
        ...(f.out ? { outDir: resolve(io.cwd, f.out) } : {}),
        ...(f.byT === false ? { noByT: true } : {}),
        ...(f.baselines === false ? { noBaselines: true } : {}),
      });
      if (r.freshCritic) {
        emitResult(io, f.json, r, [`${r.simulator} (T = ${r.T}), seed ${r.seed}:`, ...freshCriticLines(r.freshCritic), ...(r.posterior ? posteriorLines(r.posterior) : []), `results: ${resolve(io.cwd, f.out ?? f.run)}/evaluate.json`].join('\n'));
        return;
      }
      emitResult(io, f.json, r, [
        `${r.simulator} (T = ${r.T}): total EIG, N = ${r.rollouts}, L = ${r.inner}, seed ${r.seed} (nats):`,
        ...(r.results ?? []).map((e) => `  ${e.name.padEnd(16)} sPCE ${e.spce.toFixed(3)} ± ${e.spceStderr.toFixed(3)}   sNMC ${e.snmc.toFixed(3)} ± ${e.snmcStderr.toFixed(3)}`),
      ].join('\n'));
    });
}
