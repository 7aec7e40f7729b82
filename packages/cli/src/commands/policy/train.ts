import { dirname, join, resolve } from 'node:path';
import { AdaptiveConfigSchema, runPolicyTrain } from '@infobed/adaptive';
import { BedError, type BackendPreference } from '@infobed/core';
import { readYaml, resolveConfigWithPresets } from '@infobed/design';
import { Command } from 'commander';
import { bootstrap } from '../../bootstrap.js';
import type { CliIo } from '../../CliIo.js';
import { emitResult } from '../../emit.js';
import { addGlobalOptions, defaultOutDir, intArg, type GlobalOptions } from '../../globalOptions.js';
import { addResumeOptions, openResume, writeRunOrigin, type ResumeFlags } from '../../resumeOptions.js';
import { lockRunFolder } from '../../runFolder.js';
import { freshCriticLines } from './freshCriticLines.js';
import { posteriorLines } from './posteriorLines.js';

interface TrainFlags extends GlobalOptions, ResumeFlags {
  readonly preset?: string;
  readonly policy?: string;
  readonly objective?: string;
  readonly critic?: string;
  readonly steps?: number;
  readonly batch?: number;
  readonly rollouts?: number;
  readonly inner?: number;
  readonly baselines?: boolean;
}

/**
 * `infobed policy train`: train an adaptive design policy, evaluate it beside the baselines.
 * The policy's training checkpoints (`--checkpoint-every`, default 200) and stops on SIGINT /
 * SIGTERM with a checkpoint (exit 130); `--resume <run dir>` continues it (docs/checkpoints.md).
 */
export function makePolicyTrainCommand(io: CliIo): Command {
  return addResumeOptions(addGlobalOptions(new Command('train')))
    .description('train an adaptive design policy on simulations (sPCE through the likelihood, or a critic objective) and evaluate it beside the baselines')
    .option('--preset <name>', 'apply a preset from the config (ci, default, paper)')
    .option('--policy <id>', 'policy id (see `infobed plugins list`)')
    .option('--objective <id>', '"spce" or an MI objective id (trained with --critic over (θ, history))')
    .option('--critic <id>', 'critic id for objective ≠ spce')
    .option('--steps <n>', 'training steps', intArg(1))
    .option('--batch <n>', 'rollouts per step', intArg(2))
    .option('--rollouts <n>', 'evaluation rollouts N', intArg(2))
    .option('--inner <n>', 'evaluation inner samples L', intArg(1))
    .option('--no-baselines', 'train and evaluate the policy only (baselines: [])')
    .action(async (f: TrainFlags) => {
      // `--no-baselines` is a negatable flag: commander sets baselines = true by default, which is not a choice of the user.
      const { baselines: withBaselines, ...given } = f;
      const resumed = f.resume ? openResume({ ...given, ...(withBaselines === false ? { noBaselines: true } : {}) } as TrainFlags & Record<string, unknown>, io.cwd, 'policy train') : undefined;
      if (!resumed && !f.config) throw new BedError('invalidArgument', 'policy train: --config <file> is required (e.g. configs/location-finding-adaptive.yaml)');
      const where = resumed ? resumed.origin.configSource : f.config!;
      const raw = resumed ? readYaml(join(resumed.dir, 'config.resolved.yaml')) : readYaml(resolve(io.cwd, f.config!));
      const over: Record<string, unknown> = {};
      if (f.policy) over.policy = { id: f.policy, options: {} };
      if (f.objective) over.objective = { id: f.objective, options: {} };
      if (f.critic) over.critic = { id: f.critic, options: {} };
      if (f.steps !== undefined || f.batch !== undefined) over.train = { ...(f.steps !== undefined ? { steps: f.steps } : {}), ...(f.batch !== undefined ? { batch: f.batch } : {}) };
      if (f.rollouts !== undefined || f.inner !== undefined) over.evaluate = { ...(f.rollouts !== undefined ? { rollouts: f.rollouts } : {}), ...(f.inner !== undefined ? { inner: f.inner } : {}) };
      if (f.baselines === false) over.baselines = [];
      if (f.seed !== undefined) over.seed = f.seed;
      if (f.backend !== undefined) over.backend = f.backend;
      const config = resolveConfigWithPresets(AdaptiveConfigSchema, raw, where, f.preset, over);
      const baseDir = resumed ? resumed.origin.pluginBaseDir : dirname(resolve(io.cwd, f.config!));
      const folder = lockRunFolder(resumed ? resumed.dir : (f.out ?? defaultOutDir('policy')), io.cwd, { flag: resumed ? '--resume' : '--out', resume: resumed !== undefined });
      const outDir = folder.dir;
      let r;
      try {
        if (!resumed) writeRunOrigin(outDir, { command: 'policy train', configSource: where, pluginBaseDir: baseDir });
        const s = await bootstrap(io, f, config.backend as BackendPreference, { specs: config.plugins, baseDir });
        s.progress.log(`infobed policy train: ${config.simulator.id} · ${config.policy.id} · ${config.objective.id} · backend ${s.backend.backend} → ${outDir}`);
        r = await runPolicyTrain({ host: s.host, config, outDir, configSource: where, backend: s.backend.backend, progress: s.progress, checkpoint: { every: f.checkpointEvery ?? 200 }, resume: resumed !== undefined });
      } finally {
        folder.release();
      }
      const head = `policy ${r.policy} on ${r.simulator} (T = ${r.T}), ${r.steps} steps by ${r.objective} in ${r.trainSeconds} s (${r.stepsPerSecond} steps/s, ${r.backend})${r.stoppedEarly ? ' (stopped at train.maxMinutes)' : ''}:`;
      const lines = r.freshCritic
        ? [...freshCriticLines(r.freshCritic), ...(r.posterior ? posteriorLines(r.posterior) : [])]
        : [
            `total EIG, N = ${r.evaluation!.rollouts} rollouts, L = ${r.evaluation!.inner} (nats):`,
            ...r.evaluation!.results.map(
              (e) => `  ${e.name.padEnd(16)} sPCE ${e.spce.toFixed(3)} ± ${e.spceStderr.toFixed(3)}   sNMC ${e.snmc.toFixed(3)} ± ${e.snmcStderr.toFixed(3)}${e.firstMinusThis ? `   policy − this: ${e.firstMinusThis.mean.toFixed(3)} ± ${e.firstMinusThis.stderr.toFixed(3)}` : ''}`,
            ),
          ];
      emitResult(io, f.json, { ...r, outDir }, [head, ...lines, `results: ${outDir}/result.json`].join('\n'));
    });
}
