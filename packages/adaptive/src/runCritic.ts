import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BedError, type Critic, type PluginHost, type SequentialSimulator } from '@infobed/core';
import type { AdaptiveConfig } from './AdaptiveConfigSchema.js';
import { asConfigError } from './buildAdaptive.js';
import { loadWeights, readPolicyFile } from './policyFile.js';
import { scaledCritic } from './scaledCritic.js';
import type { CriticContrast } from './trainPolicy.js';

/** A policy run's trained history critic, rebuilt (`policy/critic.json`). */
export interface PolicyCritic {
  /** Raw θ and history rows in (input scaling applied inside when the run used it). */
  readonly critic: Critic;
  readonly contrast: CriticContrast;
  readonly objective: string;
  /**
   * Whether the critic's score is log p(h|θ)/p(h) up to a function of h alone (what a posterior
   * needs): contrast `theta`, or an objective whose optimum is the density ratio itself (NWJ, type 3).
   */
  readonly densityRatio: boolean;
  readonly steps: number;
}

/**
 * Rebuilds `<run>/policy/critic.json` with the run's critic plugin and its weights. A run trained
 * by sPCE has no critic: `invalidArgument` saying so.
 */
export function loadPolicyCritic(host: PluginHost, runDir: string, config: AdaptiveConfig, seq: SequentialSimulator): PolicyCritic {
  const file = join(runDir, 'policy', 'critic.json');
  if (!existsSync(file)) {
    throw new BedError('invalidArgument', `--run: ${runDir} has no policy/critic.json: the policy was trained by ${config.objective.id}, without a critic; train with a critic objective (e.g. configs/pharmacokinetic-adaptive-critic.yaml)`);
  }
  const doc = readPolicyFile(file, 'critic');
  const where = join(runDir, 'config.resolved.yaml');
  const of = asConfigError(where, 'objective', () => host.objective(config.objective.id));
  const objective = asConfigError(where, 'objective', () => of.create(config.objective.options));
  const contrast = doc.contrast ?? 'history';
  const p = seq.thetaNames.length;
  const h = seq.T * (seq.step.designDim + seq.step.obsDim);
  const [xDim, yDim] = contrast === 'theta' ? [h, p] : [p, h];
  const inner = asConfigError(where, 'critic', () => host.critic(doc.id).create({ xDim, yDim, ...(objective.aux ? { aux: objective.aux } : {}), options: doc.options, seed: doc.seed }));
  try {
    loadWeights(inner.variables, doc.weights, file);
  } catch (e) {
    inner.dispose();
    throw e;
  }
  const critic = doc.inputScaling ? scaledCritic(inner, doc.inputScaling, contrast) : inner;
  const densityRatio = contrast === 'theta' || objective.type === 3 || objective.id === 'nwj';
  return { critic, contrast, objective: objective.id, densityRatio, steps: doc.steps };
}
