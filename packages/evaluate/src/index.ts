export type { EigEstimate, EigMethod, EvaluateOptions, NestedOptions } from './EigEstimate.js';
export { nestedTerms, meanStderr, type NestedTerms } from './nestedTerms.js';
export { nmcEig } from './nmcEig.js';
export { spceBracket } from './spceBracket.js';
export { analyticEig } from './analyticEig.js';
export { evaluateDesign, defaultEigMethod, DEFAULT_BUDGET } from './evaluateDesign.js';
export { eigEvaluator, makeEigEvaluator, type EigSettings } from './eigEvaluator.js';
