import { TOKENS, type ObjectiveFactory } from '@infobed/core';
import { ContainerModule } from 'inversify';
import { __CLASS__ } from './__CLASS__.js';

/** What InfoBED resolves by id: a description, what `mi` means, and a constructor from options. */
export const factory: ObjectiveFactory = {
  id: __CLASS__.id,
  description: 'InfoNCE on scores / tau (option tau > 0, default 1)',
  type: 1,
  reports: 'bound',
  create: (options) => new __CLASS__(options),
};

/** Plugins only ever call `bind`, with the core's tokens. */
export const __MODULE__ = new ContainerModule(({ bind }) => {
  bind<ObjectiveFactory>(TOKENS.ObjectiveFactory).toConstantValue(factory);
});
