export type { CriticPosteriorOptions, PosteriorResult } from './PosteriorResult.js';
export { checkPosteriorOptions, criticPosterior, criticScoresAt, posteriorFromScores } from './criticPosterior.js';
export { systematicResample } from './systematicResample.js';
export { credibleIntervals, type ParameterSummary } from './credibleIntervals.js';
export { inferFromRun, type InferOptions, type InferResult } from './inferFromRun.js';
export { likelihoodPosterior } from './likelihoodPosterior.js';
export { loadRunCritic, type RunCritic } from './loadRunCritic.js';
