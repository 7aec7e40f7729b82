import { TOKENS, type SimulatorFactory } from '@infobed/core';
import { ContainerModule } from 'inversify';
import { __CLASS__ } from './__CLASS__.js';

/** What InfoBED resolves by id: a description and a constructor from options. */
export const factory: SimulatorFactory = {
  id: __CLASS__.id,
  description: 'theta ~ N(0, priorSd^2), y_k = d_k theta + noise, d in [-1, 1]^D (closed-form EIG)',
  create: (options) => new __CLASS__(options),
};

/** Plugins only ever call `bind`, with the core's tokens. */
export const __MODULE__ = new ContainerModule(({ bind }) => {
  bind<SimulatorFactory>(TOKENS.SimulatorFactory).toConstantValue(factory);
});
