export { gaussianMi, rhoForMi } from './gaussianTruth.js';
export { sampleCorrelatedGaussian } from './sampleCorrelatedGaussian.js';
export {
  EstimateSettingsSchema,
  parseEstimateSettings,
  type EstimateSettings,
  type EstimateSettingsInput,
} from './EstimateSettings.js';
export { estimateRowsToCsv, type EstimateRow } from './EstimateRow.js';
export { trainRun, type RunResult, type TracePoint } from './trainRun.js';
export { runEstimate, runEstimateReport, type EstimateReport, type EstimateTrace } from './runEstimate.js';
export { biasVarianceChart, traceChart, writeEstimatePlots } from './estimatePlots.js';
