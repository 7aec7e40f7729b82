import { join } from 'node:path';
import { BedError, Checkpointer, readCheckpoint, Rng, silentProgress, writeFileAtomic, type Critic, type Policy, type PluginHost, type ProgressReporter } from '@infobed/core';
import { stringify } from 'yaml';
import type { AdaptiveConfig } from './AdaptiveConfigSchema.js';
import { writeEigPlots, writeTrajectoryPlot } from './adaptivePlots.js';
import { buildCriticObjective, buildPolicy, buildSequential, checkObjective } from './buildAdaptive.js';
import { evaluatePolicies, type PolicyEvaluation } from './evaluatePolicies.js';
import { evaluateImplicitRun, type FreshCriticSummary } from './implicitRun.js';
import { dumpWeights, writePolicyFile, type PolicyFile } from './policyFile.js';
import { posteriorCheck, type PosteriorCheckSummary } from './posteriorCheck.js';
import { rolloutsJsonl } from './RolloutSet.js';
import { trainPolicy, type PolicyCheckpointState, type PolicyRecord, type TrainObjective } from './trainPolicy.js';

/** One evaluated policy in `result.json` (rollouts are in `rollouts*.jsonl`). */
export type EvaluationSummary = Omit<PolicyEvaluation, 'rollouts'>;

/** `result.json` of `infobed policy train`. */
export interface PolicyTrainResult {
  readonly simulator: string;
  readonly policy: string;
  readonly objective: string;
  readonly critic?: string;
  readonly backend: string;
  readonly seed: number;
  readonly T: number;
  readonly steps: number;
  /** True when training stopped before `train.steps` (interrupt or `train.maxMinutes`). */
  readonly stoppedEarly: boolean;
  readonly trainSeconds: number;
  /** Steps per second of policy training (this machine, this load). */
  readonly stepsPerSecond: number;
  readonly finalTrainingBound: number;
  /** Keep-best (`train.keepBest` > 0): the record step whose weights were kept, its smoothed bound, and whether they replaced the last weights. */
  readonly best?: { readonly step: number; readonly smoothedBound: number; readonly restored: boolean };
  /** The policy's learning rate at the last step (after `train.lrDecay`). */
  readonly finalLr: number;
  /** Models with a likelihood: sPCE/sNMC of the policy first, then each baseline; same evaluator, same random numbers. */
  readonly evaluation?: { readonly rollouts: number; readonly inner: number; readonly results: EvaluationSummary[] };
  /** Implicit models (SIR): fresh-critic bounds of the policy first, then each baseline (t = T; `policy evaluate` adds t < T). */
  readonly freshCritic?: FreshCriticSummary;
  /** `evaluate.posteriorCritic.enabled`: the posterior critic trained for the frozen policy, its calibration, the posterior of rollout 1. */
  readonly posterior?: PosteriorCheckSummary;
  readonly files: string[];
}

export interface RunPolicyTrainOptions {
  readonly host: PluginHost;
  readonly config: AdaptiveConfig;
  readonly outDir: string;
  readonly backend: string;
  readonly progress?: ProgressReporter;
  readonly configSource?: string;
  readonly plots?: boolean;
  /** Stop training early; what was trained is still saved and evaluated. */
  readonly shouldStop?: () => boolean;
  /**
   * Checkpoint the policy's training to `<out>/checkpoint/state.ibck` every `every` steps (0 = only
   * at the end and on interruption, which then throws `interrupted`); docs/checkpoints.md.
   */
  readonly checkpoint?: { readonly every: number };
  /** Continue from `<out>/checkpoint/state.ibck` (`policy train --resume`). */
  readonly resume?: boolean;
}

const csv = (h: readonly PolicyRecord[]): string => `step,loss,bound,seconds\n${h.map((r) => `${r.step},${r.loss},${r.bound},${r.seconds.toFixed(2)}`).join('\n')}\n`;

/**
 * `infobed policy train`: trains the policy (sPCE or critic objective), trains the trainable
 * baselines (static) by sPCE (implicit models: by the same critic objective, each with a new
 * critic), saves them under `policy/`, evaluates everything with the same evaluator (sPCE/sNMC, or
 * the fresh-critic bounds for implicit models), writes `rollouts.jsonl` (and
 * `rollouts-<baseline>.jsonl`), `history.csv`, plots, and `result.json` last.
 */
export async function runPolicyTrain(o: RunPolicyTrainOptions): Promise<PolicyTrainResult> {
  const { host, config: c, outDir } = o;
  const where = o.configSource ?? 'config';
  const progress = o.progress ?? silentProgress;
  const rng = new Rng(c.seed);
  const seq = buildSequential(host, c.simulator, where);
  const toDispose: { dispose(): void }[] = [];
  try {
    const policy = buildPolicy(host, c.policy, seq, rng.fork('policy').nextSeed(), where);
    toDispose.push(policy);
    const baselines = c.baselines.map((b, i) => {
      const p = buildPolicy(host, b, seq, rng.fork(`baseline-${i}`).nextSeed(), where, `baselines[${i}]`);
      toDispose.push(p);
      return { block: b, policy: p };
    });
    checkObjective(seq, c.objective.id, where);
    const implicit = seq.step.implicit === true;
    // The policy's critic, and (implicit models) each trainable baseline's own critic: same objective, new weights.
    // train.criticScaling: moments of the untrained policy's (or baseline's) rollouts.
    const criticObjective = (seed: number, scaleWith: { policy: Policy; rng: Rng }): Extract<TrainObjective, { kind: 'critic' }> => {
      const o = buildCriticObjective(host, c, seq, seed, where, (m) => progress.log(m), scaleWith);
      toDispose.push(o.critic);
      return o;
    };
    const obj: TrainObjective = c.objective.id === 'spce' ? { kind: 'spce', contrastive: c.train.contrastive } : criticObjective(rng.fork('critic').nextSeed(), { policy, rng: rng.fork('critic-scaling') });
    const critic: Critic | undefined = obj.kind === 'critic' ? obj.critic : undefined;
    const { presets: _p, ...resolved } = c;
    writeFileAtomic(join(outDir, 'config.resolved.yaml'), stringify(resolved));
    const fileOf = (role: PolicyFile['role'], id: string, options: Record<string, unknown>, seed: number, vars: Policy['variables'], steps: number): PolicyFile => ({
      format: 'infobed-policy', version: 1, role, id, options, seed, simulator: c.simulator, T: seq.T, designDim: seq.step.designDim, obsDim: seq.step.obsDim, steps, weights: dumpWeights(vars),
    });

    progress.log(`training ${policy.id} on ${seq.id} (T = ${seq.T}) by ${c.objective.id}: ${c.train.steps} steps, batch ${c.train.batch}${obj.kind === 'spce' ? `, L = ${obj.contrastive}` : ''}`);
    const policySeed = rng.fork('policy').nextSeed();
    const ckptFile = join(outDir, 'checkpoint', 'state.ibck');
    const checkpointer = o.checkpoint ? new Checkpointer({ file: ckptFile, every: o.checkpoint.every, component: 'policy train', runDir: outDir }) : undefined;
    const resume = o.resume ? readCheckpoint<PolicyCheckpointState>(ckptFile, 'policy') : undefined;
    if (resume) progress.log(`resuming ${policy.id} from step ${resume.step} (${ckptFile})`);
    const trained = await trainPolicy(
      policy,
      seq,
      obj,
      { ...c.train, progress, label: `train ${policy.id}`, ...(o.shouldStop ? { shouldStop: o.shouldStop } : {}), ...(checkpointer ? { checkpointer } : {}), ...(resume ? { resume } : {}) },
      rng.fork('train'),
    );
    writeFileAtomic(join(outDir, 'history.csv'), csv(trained.history));
    writePolicyFile(join(outDir, 'policy', 'policy.json'), fileOf('policy', c.policy.id, c.policy.options, policySeed, policy.variables, trained.stepsDone));
    if (critic) writePolicyFile(join(outDir, 'policy', 'critic.json'), { ...fileOf('critic', c.critic.id, c.critic.options, rng.fork('critic').nextSeed(), critic.variables, trained.stepsDone), ...(obj.kind === 'critic' && obj.scaling ? { inputScaling: obj.scaling } : {}), contrast: c.train.contrast });

    for (const [i, b] of baselines.entries()) {
      let steps = 0;
      if (b.policy.variables.length > 0 && c.train.baselineSteps > 0) {
        const bObj: TrainObjective = implicit ? criticObjective(rng.fork(`baseline-critic-${i}`).nextSeed(), { policy: b.policy, rng: rng.fork(`baseline-critic-scaling-${i}`) }) : { kind: 'spce', contrastive: c.train.contrastive };
        progress.log(`training baseline ${b.policy.id} by ${implicit ? `${c.objective.id} (a critic of its own)` : 'sPCE'}: ${c.train.baselineSteps} steps`);
        steps = (await trainPolicy(b.policy, seq, bObj, { ...c.train, steps: c.train.baselineSteps, batch: c.train.baselineBatch ?? c.train.batch, lr: c.train.baselineLr ?? c.train.lr, maxMinutes: 0, progress, label: `train ${b.policy.id}` }, rng.fork(`train-baseline-${i}`))).stepsDone;
      }
      writePolicyFile(join(outDir, 'policy', 'baselines', `${i}-${b.block.id}.json`), fileOf('baseline', b.block.id, b.block.options, rng.fork(`baseline-${i}`).nextSeed(), b.policy.variables, steps));
    }

    const entries = [{ name: policy.id, policy }, ...baselines.map((b) => ({ name: b.block.name ?? b.block.id, policy: b.policy }))];
    const files = ['result.json', 'history.csv', 'config.resolved.yaml', 'policy/policy.json'];
    let evaluation: PolicyTrainResult['evaluation'];
    let freshCritic: FreshCriticSummary | undefined;
    if (implicit) {
      const r = await evaluateImplicitRun({ host, config: c, seq, entries, outDir, where, byT: false, plots: o.plots !== false, progress }, rng.fork('evaluate'));
      freshCritic = r.summary;
      files.push(...r.files);
      if (o.plots !== false) files.push(...(await writeEigPlots(outDir, [], trained.history, `${seq.id} (T = ${seq.T})`)).map((p) => p.slice(outDir.length + 1)));
    } else {
      const evals = evaluatePolicies(entries, seq, { ...c.evaluate, progress }, rng.fork('evaluate'));
      files.push('rollouts.jsonl');
      for (const [i, e] of evals.entries()) {
        const name = i === 0 ? 'rollouts.jsonl' : `rollouts-${e.name}.jsonl`;
        writeFileAtomic(join(outDir, name), rolloutsJsonl(e.rollouts));
        if (i > 0) files.push(name);
      }
      if (o.plots !== false) {
        const title = `${seq.id} (T = ${seq.T})`;
        const pngs = [...(await writeEigPlots(outDir, evals, trained.history, title)), ...(await writeTrajectoryPlot(outDir, evals[0]!, c.evaluate.trajectories, title))];
        files.push(...pngs.map((p) => p.slice(outDir.length + 1)));
      }
      evaluation = { rollouts: c.evaluate.rollouts, inner: c.evaluate.inner, results: evals.map(({ rollouts: _r, ...e }) => e) };
    }
    let posterior: PosteriorCheckSummary | undefined;
    if (c.evaluate.posteriorCritic.enabled) {
      const r = await posteriorCheck({ host, config: c, runDir: outDir, outDir, policy, where, train: true, plots: o.plots !== false, progress }, rng.fork('posterior'));
      posterior = r.summary;
      files.push(...r.files);
    }
    const last = trained.history.at(-1);
    const result: PolicyTrainResult = {
      simulator: seq.id,
      policy: policy.id,
      objective: c.objective.id,
      ...(critic ? { critic: c.critic.id } : {}),
      backend: o.backend,
      seed: c.seed,
      T: seq.T,
      steps: trained.stepsDone,
      stoppedEarly: trained.stopped,
      trainSeconds: Math.round(trained.seconds * 10) / 10,
      stepsPerSecond: Math.round((trained.stepsDone / Math.max(1e-9, trained.seconds)) * 100) / 100,
      finalTrainingBound: last?.bound ?? Number.NaN,
      ...(trained.best ? { best: trained.best } : {}),
      finalLr: trained.finalLr,
      ...(evaluation ? { evaluation } : {}),
      ...(freshCritic ? { freshCritic } : {}),
      ...(posterior ? { posterior } : {}),
      files,
    };
    writeFileAtomic(join(outDir, 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } catch (e) {
    if (BedError.is(e, 'numerical')) {
      const cause = e.cause as { history?: PolicyRecord[] } | undefined;
      writeFileAtomic(join(outDir, 'history.csv'), csv(cause?.history ?? []));
    }
    throw e;
  } finally {
    for (const d of toDispose) d.dispose();
    seq.dispose?.();
  }
}
