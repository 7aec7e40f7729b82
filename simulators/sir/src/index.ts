import type { InfobedPlugin } from '@infobed/core';
import { epidemicModule } from './module.js';

export { EpidemicSimulator } from './EpidemicSimulator.js';
export { ModelChoiceSimulator } from './ModelChoiceSimulator.js';
export { simulatePathBank, type EpidemicModel, type PathBank } from './PathBank.js';
export { interpolatePaths, interpolateRowTimes, lookupPath, type PathLookup } from './interpolatePaths.js';
export { SirStep } from './SirStep.js';
export { increasingTimes } from './increasingTimes.js';
export { odeInfected } from './odeInfected.js';
export { EpidemicOptionsSchema, parseEpidemicOptions, type EpidemicOptions } from './epidemicOptions.js';
export { normalCdf, poissonQuantile } from './poissonQuantile.js';

const plugin: InfobedPlugin = {
  meta: { name: '@infobed/simulator-sir', version: '0.1.0', apiVersion: 1 },
  provides: { simulators: ['sir', 'seir', 'sir-vs-seir'] },
  module: epidemicModule,
};
export default plugin;
