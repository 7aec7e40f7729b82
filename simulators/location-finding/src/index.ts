import type { InfobedPlugin } from '@infobed/core';
import { locationFindingModule } from './module.js';

export { LocationFindingSimulator } from './LocationFindingSimulator.js';
export { LocationFindingStep } from './LocationFindingStep.js';
export { LocationOptionsSchema, parseLocationOptions, type LocationOptions } from './locationOptions.js';

const plugin: InfobedPlugin = {
  meta: { name: '@infobed/simulator-location-finding', version: '0.1.0', apiVersion: 1 },
  provides: { simulators: ['location-finding'] },
  module: locationFindingModule,
};
export default plugin;
