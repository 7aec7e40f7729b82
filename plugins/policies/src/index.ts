import type { InfobedPlugin } from '@infobed/core';
import { policiesModule } from './module.js';

export { DeepSetsPolicy } from './DeepSetsPolicy.js';
export { GruPolicy } from './GruPolicy.js';
export { LstmPolicy } from './LstmPolicy.js';
export { EqualIntervalPolicy, RandomPolicy, StaticPolicy } from './baselinePolicies.js';
export { POLICY_FACTORIES } from './module.js';

const plugin: InfobedPlugin = {
  meta: { name: '@infobed/plugin-policies', version: '0.1.0', apiVersion: 1 },
  provides: { policies: ['deepsets', 'gru', 'lstm', 'random', 'equal-interval', 'static'] },
  module: policiesModule,
};
export default plugin;
