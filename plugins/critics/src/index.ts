import type { InfobedPlugin } from '@infobed/core';
import { criticsModule } from './module.js';

export { BilinearCritic, bilinearCriticFactory } from './BilinearCritic.js';
export { BilinearOptionsSchema, parseBilinearOptions, type BilinearOptions } from './BilinearCriticOptions.js';
export { bilinearScores, capLogScale, unitRows } from './bilinearScores.js';
export { JointCritic } from './JointCritic.js';
export { SeparableCritic } from './SeparableCritic.js';
export { SharedCritic, SharedOptionsSchema, sharedCriticFactory, type SharedOptions } from './SharedCritic.js';
export { PairMlp } from './PairMlp.js';
export { AuxHead } from './AuxHead.js';
export { MlpCriticOptionsSchema, parseCriticOptions, type MlpCriticOptions } from './criticOptions.js';

const plugin: InfobedPlugin = {
  meta: { name: '@infobed/plugin-critics', version: '0.1.0', apiVersion: 1 },
  provides: { critics: ['separable', 'joint', 'bilinear', 'shared'] },
  module: criticsModule,
};
export default plugin;
