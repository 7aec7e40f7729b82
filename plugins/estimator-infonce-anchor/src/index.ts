import type { InfobedPlugin } from '@infobed/core';
import { infoNceAnchorModule } from './module.js';

export { InfoNceAnchorObjective } from './InfoNceAnchorObjective.js';
export { scoringRuleLoss, type ScoringRule } from './scoringRuleLoss.js';
export { AnchorOptionsSchema, parseAnchorOptions, type AnchorOptions } from './anchorOptions.js';

const plugin: InfobedPlugin = {
  meta: { name: '@infobed/plugin-estimator-infonce-anchor', version: '0.1.0', apiVersion: 1 },
  provides: { estimators: ['infonce-anchor'] },
  module: infoNceAnchorModule,
};
export default plugin;
