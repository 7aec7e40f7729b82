import { BedError, sequentialFromStatic, type Policy, type PluginHost, type SequentialSimulator } from '@infobed/core';
import type { AdaptiveConfig } from './AdaptiveConfigSchema.js';

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
 * Implicit models (no likelihood) are refused here (exit 2) until the CLI evaluates with a critic.
 */
export function buildSequential(host: PluginHost, sim: AdaptiveConfig['simulator'], where: string): SequentialSimulator {
  const seq = asConfigError(where, 'simulator', () => sequentialFromStatic(host.simulator(sim.id).create(sim.options)));
  if (seq.step.implicit) {
    seq.dispose?.();
    throw new BedError('invalidConfig', `${where}: simulator.id: "${sim.id}" has no likelihood, and policy train/evaluate score policies by sPCE/sNMC; its critic-only path (fresh-critic evaluation, evaluateWithFreshCritic in @infobed/adaptive) is not in the CLI yet`);
  }
  return seq;
}

/** A policy plugin instance for `seq`. */
export function buildPolicy(host: PluginHost, block: { id: string; options: Record<string, unknown> }, seq: SequentialSimulator, seed: number, where: string, section = 'policy'): Policy {
  return asConfigError(where, section, () =>
    host.policy(block.id).create({ designDim: seq.step.designDim, obsDim: seq.step.obsDim, T: seq.T, designSpace: seq.step.designSpace, ...(seq.step.designChain ? { designChain: seq.step.designChain } : {}), options: block.options, seed }),
  );
}
