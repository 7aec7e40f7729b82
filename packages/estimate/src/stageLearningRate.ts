import type { EstimateSettings } from './EstimateSettings.js';

/**
 * Adam's learning rate at step `k` (0-based) of a stage of `s.stepsPerStage` steps: `s.lr`
 * (`lrSchedule: constant`) or `s.lr·½(1 + cos(πk/N))` (`cosine`: from `lr` at the first step
 * towards 0 at the last).
 */
export function stageLearningRate(s: Pick<EstimateSettings, 'lr' | 'lrSchedule' | 'stepsPerStage'>, k: number): number {
  return s.lrSchedule === 'cosine' ? s.lr * 0.5 * (1 + Math.cos((Math.PI * k) / s.stepsPerStage)) : s.lr;
}
