export { gaussianMi, rhoForMi, sampleCorrelatedGaussian } from '@infobed/plugin-tasks';
export { heldOutEstimate } from './heldOutEstimate.js';
export {
  EstimateSettingsSchema,
  parseEstimateSettings,
  type EstimateSettings,
  type EstimateSettingsInput,
} from './EstimateSettings.js';
export { estimateRowsToCsv, type EstimateRow } from './EstimateRow.js';
export { trainRun, type RunResult, type TracePoint } from './trainRun.js';
export { runEstimate, runEstimateReport, type EstimateCheckpointState, type EstimateHooks, type EstimateReport, type EstimateTrace } from './runEstimate.js';
export { benchmarkHeatmap, biasVarianceChart, traceChart, writeEstimatePlots } from './estimatePlots.js';
export { benchmarkTable } from './benchmarkTable.js';
export { estimateMemoryTerms } from './estimateMemory.js';
