import type { InfobedPlugin } from '@infobed/core';
import { exampleNwjModule } from './module.js';

export { ExampleNwjObjective } from './ExampleNwjObjective.js';

/** The default export InfoBED validates and registers (`--plugin <this folder>` or `plugins:` in a config). */
const plugin: InfobedPlugin = {
  meta: { name: 'infobed-plugin-example-nwj', version: '0.1.0', apiVersion: 1 },
  provides: { estimators: ['example-nwj'] },
  module: exampleNwjModule,
};
export default plugin;
