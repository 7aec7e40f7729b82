import { dirname, resolve } from 'node:path';
import { AdaptiveConfigSchema, runPolicyTrain } from '@infobed/adaptive';
import { BedError, type BackendPreference } from '@infobed/core';
import { readYaml, resolveConfigWithPresets } from '@infobed/design';
import { Command } from 'commander';
import { bootstrap } from '../../bootstrap.js';
import type { CliIo } from '../../CliIo.js';
import { emitResult } from '../../emit.js';
import { addGlobalOptions, defaultOutDir, intArg, type GlobalOptions } from '../../globalOptions.js';

interface TrainFlags extends GlobalOptions {
  readonly preset?: string;
  readonly policy?: string;
  readonly objective?: string;
  readonly critic?: string;
  readonly steps?: number;
  readonly batch?: number;
  readonly rollouts?: number;
  readonly inner?: number;
}

/** `infobed policy train`: train an adaptive design policy, evaluate it beside the baselines. */
export function makePolicyTrainCommand(io: CliIo): Command {
  return addGlobalOptions(new Command('train'))
    .description('train an adaptive design policy on simulations (sPCE through the likelihood, or a critic objective) and evaluate it beside the baselines')
    .option('--preset <name>', 'apply a preset from the config (ci, default, paper)')
    .option('--policy <id>', 'policy id (see `infobed plugins list`)')
    .option('--objective <id>', '"spce" or an MI objective id (trained with --critic over (θ, history))')
    .option('--critic <id>', 'critic id for objective ≠ spce')
    .option('--steps <n>', 'training steps', intArg(1))
    .option('--batch <n>', 'rollouts per step', intArg(2))
    .option('--rollouts <n>', 'evaluation rollouts N', intArg(2))
    .option('--inner <n>', 'evaluation inner samples L', intArg(1))
    .action(async (f: TrainFlags) => {
      if (!f.config) throw new BedError('invalidArgument', 'policy train: --config <file> is required (e.g. configs/location-finding-adaptive.yaml)');
      const file = resolve(io.cwd, f.config);
      const over: Record<string, unknown> = {};
      if (f.policy) over.policy = { id: f.policy, options: {} };
      if (f.objective) over.objective = { id: f.objective, options: {} };
      if (f.critic) over.critic = { id: f.critic, options: {} };
      if (f.steps !== undefined || f.batch !== undefined) over.train = { ...(f.steps !== undefined ? { steps: f.steps } : {}), ...(f.batch !== undefined ? { batch: f.batch } : {}) };
      if (f.rollouts !== undefined || f.inner !== undefined) over.evaluate = { ...(f.rollouts !== undefined ? { rollouts: f.rollouts } : {}), ...(f.inner !== undefined ? { inner: f.inner } : {}) };
      if (f.seed !== undefined) over.seed = f.seed;
      if (f.backend !== undefined) over.backend = f.backend;
      const config = resolveConfigWithPresets(AdaptiveConfigSchema, readYaml(file), f.config, f.preset, over);
      const s = await bootstrap(io, f, config.backend as BackendPreference, { specs: config.plugins, baseDir: dirname(file) });
      const outDir = resolve(io.cwd, f.out ?? defaultOutDir('policy'));
      s.progress.log(`infobed policy train: ${config.simulator.id} · ${config.policy.id} · ${config.objective.id} · backend ${s.backend.backend} → ${outDir}`);
      let interrupted = false;
      const onSigint = (): void => {
        interrupted = true;
        s.progress.log('interrupt: stopping training after this step; saving and evaluating what was trained (press Ctrl-C again to abort)');
        process.off('SIGINT', onSigint);
      };
      process.on('SIGINT', onSigint);
      try {
        const r = await runPolicyTrain({ host: s.host, config, outDir, configSource: f.config, backend: s.backend.backend, progress: s.progress, shouldStop: () => interrupted });
        const lines = r.evaluation.results.map(
          (e) => `  ${e.name.padEnd(16)} sPCE ${e.spce.toFixed(3)} ± ${e.spceStderr.toFixed(3)}   sNMC ${e.snmc.toFixed(3)} ± ${e.snmcStderr.toFixed(3)}${e.firstMinusThis ? `   policy − this: ${e.firstMinusThis.mean.toFixed(3)} ± ${e.firstMinusThis.stderr.toFixed(3)}` : ''}`,
        );
        emitResult(io, f.json, { ...r, outDir }, [
          `policy ${r.policy} on ${r.simulator} (T = ${r.T}), ${r.steps} steps by ${r.objective} in ${r.trainSeconds} s (${r.stepsPerSecond} steps/s, ${r.backend}):`,
          `total EIG, N = ${r.evaluation.rollouts} rollouts, L = ${r.evaluation.inner} (nats):`,
          ...lines,
          `results: ${outDir}/result.json`,
        ].join('\n'));
      } finally {
        process.off('SIGINT', onSigint);
      }
    });
}
