import type { InfobedPlugin } from '@infobed/core';
import { boundsModule } from './module.js';

export { InfoNceObjective } from './InfoNceObjective.js';
export { NwjObjective } from './NwjObjective.js';
export { TubaObjective } from './TubaObjective.js';
export { DvObjective } from './DvObjective.js';
export { AlphaInfoNceObjective, AlphaInfoNceOptionsSchema, type AlphaInfoNceOptions } from './AlphaInfoNceObjective.js';
export { MineObjective, MineOptionsSchema, type MineOptions } from './MineObjective.js';
export { JsObjective, JsOptionsSchema, type JsOptions } from './JsObjective.js';
export { SmileObjective, SmileOptionsSchema, type SmileOptions } from './SmileObjective.js';
export { boundFactories } from './module.js';
export { dvBound, jsFgan, nwjBound, offDiagLogMeanExp, offDiagMean } from './scoreOps.js';

const plugin: InfobedPlugin = {
  meta: { name: '@infobed/plugin-estimator-bounds', version: '0.1.0', apiVersion: 1 },
  provides: { estimators: ['infonce', 'nwj', 'tuba', 'dv', 'alpha-infonce', 'mine', 'js', 'smile'] },
  module: boundsModule,
};
export default plugin;
