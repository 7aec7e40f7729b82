import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BedError, type Critic, type PluginHost, type SequentialSimulator } from '@infobed/core';
import type { AdaptiveConfig } from './AdaptiveConfigSchema.js';
import { asConfigError } from './buildAdaptive.js';
import { loadWeights, readPolicyFile } from './policyFile.js';
import { POSTERIOR_CRITIC_FILE } from './posteriorCritic.js';
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
  /** The file it came from, relative to the run: `policy/posterior-critic.json` or `policy/critic.json`. */
  readonly file: string;
  /** The experiment it was trained on (the posterior critic's has a bank of its own). */
  readonly simulator: { readonly id: string; readonly options: Record<string, unknown> };
}

/**
 * Rebuilds a run's critic with its plugin and weights: the critic trained for the posterior
 * (`policy/posterior-critic.json`, `evaluate.posteriorCritic`) when the run has one and `training`
 * is not asked, else the policy's training critic `policy/critic.json`. A run trained by sPCE
 * (and without a posterior critic) has none: `invalidArgument` saying so.
 */
export function loadPolicyCritic(host: PluginHost, runDir: string, config: AdaptiveConfig, seq: SequentialSimulator, training = false): PolicyCritic {
  const rel = !training && existsSync(join(runDir, POSTERIOR_CRITIC_FILE)) ? POSTERIOR_CRITIC_FILE : 'policy/critic.json';
  const file = join(runDir, rel);
  if (!existsSync(file)) {
    throw new BedError('invalidArgument', `--run: ${runDir} has no policy/critic.json: the policy was trained by ${config.objective.id}, without a critic; train with a critic objective (e.g. configs/pharmacokinetic-adaptive-critic.yaml)`);
  }
  const doc = readPolicyFile(file, 'critic');
  const where = join(runDir, 'config.resolved.yaml');
  const of = asConfigError(where, 'objective', () => host.objective(doc.objective ?? config.objective.id));
  const objective = asConfigError(where, 'objective', () => of.create(doc.objective ? {} : config.objective.options));
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
  return { critic, contrast, objective: objective.id, densityRatio, steps: doc.steps, file: rel, simulator: doc.simulator };
}
