export {
  sampleSineEpisode,
  sampleSupportQuery,
  SINE_AMPLITUDE,
  SINE_PHASE,
  SINE_X,
  sineValue,
  slicePoints,
  ZERO_PREDICTOR_MSE,
  type SineEpisode,
  type SupportQuery,
} from './SineFamily.js';
export { perTaskMse, SineTestSet, summarise, TEST_SHOTS } from './SineTestSet.js';
export { metaStreams, type MetaStreams } from './metaStreams.js';
export { functionalMlp, taskMse, tileParams } from './maml/functionalMlp.js';
export { innerSgd } from './maml/innerSgd.js';
export { MAML_DEFAULTS, MamlLearner, type MamlOptions } from './maml/MamlLearner.js';
export { taskTensors, type TaskTensors } from './maml/taskBatch.js';
export { assertFiniteLoss, floRowLoss, positiveMasks, type PositiveMasks } from './metaflo/floRowLoss.js';
export { TASK_CRITIC_DEFAULTS, TaskCritic, type TaskCriticOptions } from './metaflo/TaskCritic.js';
export { METAFLO_DEFAULTS, MetaFloLearner, type MetaFloOptions, type MetaFloStep } from './metaflo/MetaFloLearner.js';
export { MetaFloModel, type MetaFloModelOptions, type TaskEmbeddings } from './metaflo/MetaFloModel.js';
export { DEFAULT_META_CONFIG, META_METHODS, META_PRESETS, MetaConfigSchema, type MetaConfig, type MetaMethod } from './run/MetaConfigSchema.js';
export { loadMetaConfig, resolveMetaConfig } from './run/resolveMetaConfig.js';
export { makeLearner, type FewShotLearner } from './run/FewShotLearner.js';
export { evaluateLearner, exampleFits, validationMse, type ExampleFit, type MseRow } from './run/evaluateLearner.js';
export { runMeta, type CurvePoint, type MetaCheckpointState, type MetaResult, type MetaRunHooks } from './run/runMeta.js';
export {
  adaptationCurveChart,
  adaptationSeries,
  fitsChart,
  lambdaSweepChart,
  lambdaSweepRows,
  mseVsShotsChart,
  shotSeries,
  trainingCurveChart,
  type AdaptationPoint,
  type AdaptationReference,
  type LambdaSweepRow,
} from './run/metaPlots.js';
export { readMetaResult, resultDocument, writeLambdaSweep, writeMetaComparison, writeMetaFailure, writeMetaOutputs } from './run/writeMetaOutputs.js';
export { metaMemoryTerms } from './run/metaMemory.js';
