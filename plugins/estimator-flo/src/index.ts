import type { InfobedPlugin } from '@infobed/core';
import { floModule } from './module.js';

export { FloObjective } from './FloObjective.js';
export { FdvObjective } from './FdvObjective.js';
export { FdvOptionsSchema, parseFdvOptions, type FdvOptions } from './fdvOptions.js';

const plugin: InfobedPlugin = {
  meta: { name: '@infobed/plugin-estimator-flo', version: '0.1.0', apiVersion: 1 },
  provides: { estimators: ['flo', 'fdv'] },
  module: floModule,
};
export default plugin;
