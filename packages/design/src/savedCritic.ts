import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { readCheckpoint, saveVariables, writeCheckpoint, type AuxKind, type Checkpoint, type Critic } from '@infobed/core';
import type { InputScaling } from './inputScaling.js';

/** Where a design run keeps its trained critic (docs/infer.md). */
export const CRITIC_FILE = join('model', 'critic.ibck');

/** JSON part of a saved critic (a checkpoint file of kind `critic`; tensors `critic/<i>` in `critic.variables` order). */
export interface SavedCriticState {
  /** How to rebuild the network: factory id, its options and the input sizes. */
  readonly critic: { readonly id: string; readonly options: Record<string, unknown>; readonly xDim: number; readonly yDim: number; readonly aux?: AuxKind; readonly package?: string; readonly version?: string };
  /** Present when the critic was trained on standardised inputs (`critic.standardise`): wrap it in `StandardisedCritic`. */
  readonly inputScaling?: InputScaling;
  readonly simulator: { readonly id: string; readonly options: Record<string, unknown> };
  /** The objective it was trained with; `reports` says whether its scores are a density ratio (plug-in). */
  readonly objective: { readonly id: string; readonly options: Record<string, unknown>; readonly reports: string };
  /** The design the critic was trained at last: the experiment to run. */
  readonly design: number[];
  /** The resolved config of the run. */
  readonly config: Record<string, unknown>;
  readonly versions: { readonly infobed: string; readonly tfjs: string; readonly node: string };
  readonly backend: string;
}

/** Writes `<outDir>/model/critic.ibck` atomically. */
export function saveCritic(outDir: string, critic: Critic, steps: number, state: Omit<SavedCriticState, 'versions'>): void {
  writeCheckpoint(join(outDir, CRITIC_FILE), {
    kind: 'critic',
    step: steps,
    state: { ...state, versions: { infobed: '0.1.0', tfjs: tf.version.tfjs, node: process.version } },
    tensors: saveVariables('critic', critic.variables),
  });
}

/** Reads a run's saved critic (`invalidArgument` naming the file when absent or not a critic). */
export const readSavedCritic = (runDir: string): Checkpoint<SavedCriticState> => readCheckpoint<SavedCriticState>(join(runDir, CRITIC_FILE), 'critic');
