export type { CriticPosterior, CriticPosteriorOptions } from './CriticPosterior.js';
export { criticPosterior } from './criticPosterior.js';
export { systematicResample } from './systematicResample.js';
