import type { InfobedPlugin } from '@infobed/core';
import { ratioModule } from './module.js';

export { JsAnchorObjective } from './JsAnchorObjective.js';
export { DrfObjective } from './DrfObjective.js';
export { ratioFactories } from './module.js';

const plugin: InfobedPlugin = {
  meta: { name: '@infobed/plugin-estimator-ratio', version: '0.1.0', apiVersion: 1 },
  provides: { estimators: ['js-anchor', 'drf'] },
  module: ratioModule,
};
export default plugin;
