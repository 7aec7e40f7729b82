export { BedError, type BedErrorKind } from './errors/BedError.js';
export { EXIT_CODES, exitCodeFor } from './errors/exitCodeFor.js';
export { TOKENS } from './di/tokens.js';
export { loadModules } from './di/loadModules.js';
export type { ScoreBatch } from './objective/ScoreBatch.js';
export type { AuxKind, MiObjective, ObjectiveOutput, ObjectiveType } from './objective/MiObjective.js';
export type { CriticChoice, ObjectiveFactory } from './objective/ObjectiveFactory.js';
export { assertFiniteLoss } from './objective/assertFiniteLoss.js';
export type { Critic, CriticFactory, CriticSpec } from './critic/Critic.js';
export { criticPairingWarning } from './critic/Critic.js';
export { criticFor, type CriticSource } from './critic/criticFor.js';
export { DesignSpace, type DesignSpaceSpec, type DesignTransform } from './simulator/DesignSpace.js';
export type { NoiseDraw, Simulator, SimulatorFactory } from './simulator/Simulator.js';
export type { MiTask, TaskFactory } from './task/MiTask.js';
export type {
  DesignHooks,
  DesignOptimiser,
  DesignProblem,
  DesignRecord,
  DesignRun,
  DesignSettings,
} from './design/DesignOptimiser.js';
export type { SequentialSimulator, StepwiseModel } from './adaptive/StepwiseModel.js';
export type { DesignChain } from './adaptive/DesignChain.js';
export type { Policy, PolicyFactory, PolicySpec, PolicyState } from './adaptive/Policy.js';
export { sequentialFromStatic } from './adaptive/sequentialFromStatic.js';
export { Rng, type RngState } from './rng/Rng.js';
export { diagPart } from './tensor/diagPart.js';
export { stopGradient } from './tensor/stopGradient.js';
export { assertAux, assertShape, assertSquare } from './tensor/assertShapes.js';
export { additiveMask, diagNegInfMask, offDiagOnes } from './tensor/masks.js';
export { infoNceBound } from './tensor/infoNceBound.js';
export { leaveOneOutLogSumExp } from './tensor/leaveOneOutLogSumExp.js';
export { silentProgress, type ProgressReporter, type ProgressTask } from './progress/ProgressReporter.js';
export {
  InfobedPluginSchema,
  PLUGIN_API_VERSION,
  PluginProvidesSchema,
  type InfobedPlugin,
  type PluginProvides,
} from './plugin/InfobedPlugin.js';
export { boundIds } from './plugin/boundIds.js';
export { PluginHost, type PluginOrigin, type Provenance, type RegisteredId } from './plugin/PluginHost.js';
export { HOST_PEERS, readManifest, type PluginManifest } from './plugin/readManifest.js';
export { checkPeerCopies, findPackageCopy, hostPeerCopies, type PackageCopy, type RedirectedCopy } from './plugin/peerCopies.js';
export { guardPluginCode, type PluginLabel } from './plugin/guardPluginCode.js';
export { resolvePlugin, type ResolvedPlugin } from './plugin/resolvePlugin.js';
export { loadPlugin } from './plugin/loadPlugin.js';
export { parsePluginOptions, type PluginRole } from './plugin/parsePluginOptions.js';
export {
  BACKEND_PREFERENCES,
  selectBackend,
  type BackendAttempt,
  type BackendPreference,
  type BackendSelection,
} from './backend/selectBackend.js';
export { writeFileAtomic } from './io/writeFileAtomic.js';
export { parseWithSchema } from './config/parseWithSchema.js';
export { readYaml } from './config/readYaml.js';
export { deepMerge, isPlainObject } from './config/deepMerge.js';
export { CHECKPOINT_FORMAT, readCheckpoint, writeCheckpoint, type Checkpoint, type SavedTensor } from './checkpoint/CheckpointFile.js';
export { restoreVariables, saveTensor, saveVariables, tensorFrom } from './checkpoint/variableState.js';
export { InterruptFlag, processInterrupt } from './checkpoint/InterruptFlag.js';
export { Checkpointer, type CheckpointerOptions } from './checkpoint/Checkpointer.js';
/** zod, re-exported so plugins write option schemas (`parsePluginOptions`) without their own copy. */
export { z } from 'zod';
export { checkMemory, memoryLimit, mlpParams, WASM_HEAP_BYTES, type MemoryTerm } from './limits/memoryBudget.js';
export { criticMemoryTerms, JOINT_FLOATS, SCORE_FLOATS, type CriticMemoryFields } from './limits/criticMemory.js';
