import { BedError, criticPairingWarning, sequentialFromStatic, type Policy, type PluginHost, type Rng, type SequentialSimulator } from '@infobed/core';
import type { AdaptiveConfig } from './AdaptiveConfigSchema.js';
import { measureCriticScaling, scaledCritic, type CriticScaling } from './scaledCritic.js';
import type { TrainObjective } from './trainPolicy.js';

/**
 * Runs `build`, turning unknown ids and bad options into one `invalidConfig` error naming the
 * file and the block (`configs/x.yaml: policy.id: unknown policy "foo"; available: …`).
 */
export function asConfigError<T>(where: string, section: string, build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (BedError.is(e, 'unknownPlugin')) throw new BedError('invalidConfig', `${where}: ${section}.id: ${e.message}`, { cause: e });
    if ((BedError.is(e, 'invalidConfig') || BedError.is(e, 'invalidArgument')) && !e.message.startsWith(where)) {
      throw new BedError('invalidConfig', `${where}: ${e.message}`, { cause: e });
    }
    throw e;
  }
}

/**
 * The sequential experiment of a config: its static simulator run through `sequentialFromStatic`.
 * Implicit models (no likelihood: SIR) are built too; they train with a critic objective and are
 * scored by the fresh-critic evaluator (`checkObjective` refuses sPCE for them).
 */
export function buildSequential(host: PluginHost, sim: AdaptiveConfig['simulator'], where: string): SequentialSimulator {
  return asConfigError(where, 'simulator', () => sequentialFromStatic(host.simulator(sim.id).create(sim.options)));
}

/** Refuses (exit 2) an objective the experiment cannot use: sPCE needs a likelihood. */
export function checkObjective(seq: SequentialSimulator, objectiveId: string, where: string): void {
  if (objectiveId === 'spce' && seq.step.implicit) {
    throw new BedError('invalidConfig', `${where}: objective.id: "spce" needs a likelihood, and simulator "${seq.id}" has none (implicit model); train with a critic objective over (θ, history), e.g. infonce, nwj, infonce-anchor or flo (\`--objective infonce\`)`);
  }
}

/**
 * The critic path's training objective: the MI objective of the config and a new critic over
 * (θ `[p]`, history `[T·(d + q)]`) seeded by `seed` (the policy's and each trainable baseline's own).
 * Logs the critic/objective pairing warning, if any, through `log`.
 */
export function buildCriticObjective(
  host: PluginHost,
  c: Pick<AdaptiveConfig, 'objective' | 'critic' | 'train'>,
  seq: SequentialSimulator,
  seed: number,
  where: string,
  log?: (m: string) => void,
  scaleWith?: { readonly policy: Policy; readonly rng: Rng },
): Extract<TrainObjective, { kind: 'critic' }> {
  const of = asConfigError(where, 'objective', () => host.objective(c.objective.id));
  const objective = asConfigError(where, 'objective', () => of.create(c.objective.options));
  const cf = asConfigError(where, 'critic', () => host.critic(c.critic.id));
  const warning = criticPairingWarning(of, cf);
  if (warning) log?.(warning);
  const histDim = seq.T * (seq.step.designDim + seq.step.obsDim);
  const contrast = c.train.contrast;
  // contrast theta: rows are histories, columns θ (TrainObjective.contrast).
  const [xDim, yDim] = contrast === 'theta' ? [histDim, seq.thetaNames.length] : [seq.thetaNames.length, histDim];
  const critic = asConfigError(where, 'critic', () => cf.create({ xDim, yDim, ...(objective.aux ? { aux: objective.aux } : {}), options: c.critic.options, seed }));
  let scaling: CriticScaling | undefined;
  try {
    scaling = c.train.criticScaling && scaleWith ? measureCriticScaling(scaleWith.policy, seq, c.train.criticScalingRollouts, scaleWith.rng) : undefined;
  } catch (e) {
    critic.dispose();
    throw e;
  }
  return { kind: 'critic', objective, critic: scaling ? scaledCritic(critic, scaling, contrast) : critic, lrCritic: c.train.lrCritic, contrast, ...(scaling ? { scaling } : {}) };
}

/** A policy plugin instance for `seq`. */
export function buildPolicy(host: PluginHost, block: { id: string; options: Record<string, unknown> }, seq: SequentialSimulator, seed: number, where: string, section = 'policy'): Policy {
  return asConfigError(where, section, () =>
    host.policy(block.id).create({ designDim: seq.step.designDim, obsDim: seq.step.obsDim, T: seq.T, designSpace: seq.step.designSpace, ...(seq.step.designChain ? { designChain: seq.step.designChain } : {}), options: block.options, seed }),
  );
}
