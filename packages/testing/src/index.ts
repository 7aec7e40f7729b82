export { golden, GOLDEN_PATH, type Golden, type GoldenCase, type GoldenResult } from './golden.js';
export { expectClose } from './expectClose.js';
export { expectGoldenObjective } from './expectGoldenObjective.js';
