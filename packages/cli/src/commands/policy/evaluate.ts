import { resolve } from 'node:path';
import { runPolicyEvaluate } from '@infobed/adaptive';
import { Command } from 'commander';
import { bootstrap } from '../../bootstrap.js';
import { runPlugins } from '../../runPlugins.js';
import type { CliIo } from '../../CliIo.js';
import { emitResult } from '../../emit.js';
import { addGlobalOptions, intArg, type GlobalOptions } from '../../globalOptions.js';

interface EvaluateFlags extends GlobalOptions {
  readonly run: string;
  readonly rollouts?: number;
  readonly inner?: number;
}

/** `infobed policy evaluate`: sPCE/sNMC of a trained run's policy and baselines. */
export function makePolicyEvaluateCommand(io: CliIo): Command {
  return addGlobalOptions(new Command('evaluate'))
    .description('evaluate a trained policy and its saved baselines: total EIG by sPCE (lower) and sNMC (upper) over N rollouts with L inner samples')
    .requiredOption('--run <dir>', 'a `policy train` run folder')
    .option('--rollouts <n>', 'rollouts N (default: the run config evaluate.rollouts)', intArg(2))
    .option('--inner <n>', 'inner samples L (default: the run config evaluate.inner)', intArg(1))
    .action(async (f: EvaluateFlags) => {
      const runDir = resolve(io.cwd, f.run);
      const s = await bootstrap(io, f, f.backend ?? 'auto', runPlugins(runDir));
      const r = runPolicyEvaluate({
        host: s.host, runDir, backend: s.backend.backend, progress: s.progress,
        ...(f.rollouts !== undefined ? { rollouts: f.rollouts } : {}),
        ...(f.inner !== undefined ? { inner: f.inner } : {}),
        ...(f.seed !== undefined ? { seed: f.seed } : {}),
        ...(f.out ? { outDir: resolve(io.cwd, f.out) } : {}),
      });
      emitResult(io, f.json, r, [
        `${r.simulator} (T = ${r.T}): total EIG, N = ${r.rollouts}, L = ${r.inner}, seed ${r.seed} (nats):`,
        ...r.results.map((e) => `  ${e.name.padEnd(16)} sPCE ${e.spce.toFixed(3)} ± ${e.spceStderr.toFixed(3)}   sNMC ${e.snmc.toFixed(3)} ± ${e.snmcStderr.toFixed(3)}`),
      ].join('\n'));
    });
}
