import { TOKENS, type ObjectiveFactory } from '@infobed/core';
import { ContainerModule } from 'inversify';
import { ExampleNwjObjective } from './ExampleNwjObjective.js';

const factory: ObjectiveFactory = {
  id: ExampleNwjObjective.id,
  description: 'NWJ lower bound, shipped as a third-party example plugin (no options)',
  type: 1,
  reports: 'bound',
  create: () => new ExampleNwjObjective(),
};

/** Plugins only ever call `bind`, with the core's tokens. */
export const exampleNwjModule = new ContainerModule(({ bind }) => {
  bind<ObjectiveFactory>(TOKENS.ObjectiveFactory).toConstantValue(factory);
});
