import type { InfobedPlugin } from '@infobed/core';
import { deathProcessModule } from './module.js';

export { DeathProcessSimulator, DeathProcessOptions } from './DeathProcessSimulator.js';
export { deathProcessEig, optimalDeathTime, type DeathPrior } from './deathProcessEig.js';

/** The default export InfoBED validates and registers (`plugins:` in a config, or `--plugin`). */
const plugin: InfobedPlugin = {
  meta: { name: 'infobed-plugin-example-death', version: '0.1.0', apiVersion: 1 },
  provides: { simulators: ['example-death'] },
  module: deathProcessModule,
};
export default plugin;
