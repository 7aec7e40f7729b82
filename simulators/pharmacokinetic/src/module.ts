import { TOKENS, type SimulatorFactory } from '@infobed/core';
import { ContainerModule } from 'inversify';
import { PharmacokineticSimulator } from './PharmacokineticSimulator.js';

const factory: SimulatorFactory = {
  id: PharmacokineticSimulator.id,
  description: 'Pharmacokinetic one-compartment model (iDAD): T sampling times in (0, 24) h, explicit likelihood (options: T, dose, priorLogMean, priorLogVar, multiplicativeVar, additiveVar)',
  create: (options) => new PharmacokineticSimulator(options),
};

export const pharmacokineticModule = new ContainerModule(({ bind }) => {
  bind<SimulatorFactory>(TOKENS.SimulatorFactory).toConstantValue(factory);
});
