import { TOKENS, type SimulatorFactory } from '@infobed/core';
import { ContainerModule } from 'inversify';
import { DeathProcessSimulator } from './DeathProcessSimulator.js';

const factory: SimulatorFactory = {
  id: DeathProcessSimulator.id,
  description: 'death process: one count of N deaths at time t, log b ~ N(0, 1); EIG by quadrature (third-party example)',
  create: (options) => new DeathProcessSimulator(options),
};

/** Plugins only ever call `bind`, with the core's tokens. */
export const deathProcessModule = new ContainerModule(({ bind }) => {
  bind<SimulatorFactory>(TOKENS.SimulatorFactory).toConstantValue(factory);
});
