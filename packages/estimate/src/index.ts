export { gaussianMi, rhoForMi } from './gaussianTruth.js';
export { sampleCorrelatedGaussian } from './sampleCorrelatedGaussian.js';
export {
  EstimateSettingsSchema,
  parseEstimateSettings,
  type EstimateSettings,
  type EstimateSettingsInput,
} from './EstimateSettings.js';
export { estimateRowsToCsv, type EstimateRow } from './EstimateRow.js';
export { trainRun, type RunResult } from './trainRun.js';
export { runEstimate } from './runEstimate.js';
