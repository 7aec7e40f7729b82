import { TOKENS, type SimulatorFactory } from '@infobed/core';
import { ContainerModule } from 'inversify';
import { LocationFindingSimulator } from './LocationFindingSimulator.js';

const factory: SimulatorFactory = {
  id: LocationFindingSimulator.id,
  description: 'Location finding (DAD): K sources in the plane, y = log(b + Σ α/(m + ‖θ_k − ξ‖²)) + σε at T points; explicit likelihood, sequential (options: T, K, alpha, background, maxSignal, noiseSd, bound)',
  create: (options) => new LocationFindingSimulator(options),
};

export const locationFindingModule = new ContainerModule(({ bind }) => {
  bind<SimulatorFactory>(TOKENS.SimulatorFactory).toConstantValue(factory);
});
