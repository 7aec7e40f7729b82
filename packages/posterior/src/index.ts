export type { CriticPosteriorOptions, PosteriorResult } from './PosteriorResult.js';
export { criticPosterior } from './criticPosterior.js';
export { systematicResample } from './systematicResample.js';
