import { TOKENS, type ObjectiveFactory } from '@infobed/core';
import { ContainerModule } from 'inversify';
import { parseAnchorOptions } from './anchorOptions.js';
import { InfoNceAnchorObjective } from './InfoNceAnchorObjective.js';

const factory: ObjectiveFactory = {
  id: InfoNceAnchorObjective.id,
  description: 'InfoNCE-anchor (Ryu et al. 2025): exact log-ratio critic, plug-in MI (options: nu, construction, scoringRule)',
  type: 3,
  reports: 'plug-in',
  create: (options) => new InfoNceAnchorObjective(parseAnchorOptions(options)),
};

export const infoNceAnchorModule = new ContainerModule(({ bind }) => {
  bind<ObjectiveFactory>(TOKENS.ObjectiveFactory).toConstantValue(factory);
});
