import type { InfobedPlugin } from '@infobed/core';
import { __MODULE__ } from './module.js';

export { __CLASS__ } from './__CLASS__.js';

/**
 * The default export InfoBED validates and registers (`--plugin <this folder>` or `plugins:` in a
 * config). `meta.name` and `meta.version` must equal package.json's `name` and `version`, and
 * `provides` must equal package.json's `"infobed".provides` and what the module binds.
 */
const plugin: InfobedPlugin = {
  meta: { name: '__PACKAGE__', version: '0.1.0', apiVersion: 1 },
  provides: { __KIND__: ['__ID__'] },
  module: __MODULE__,
};
export default plugin;
