import { TOKENS, type SimulatorFactory } from '@infobed/core';
import { ContainerModule } from 'inversify';
import { EpidemicSimulator } from './EpidemicSimulator.js';
import { ModelChoiceSimulator } from './ModelChoiceSimulator.js';

const OPTIONS = 'options: T, transform, observation, phi, paths, dt, gridSpacing, bankSeed, refreshEvery, diffusionScale, minMeanInfected, beta, gamma';

const sir: SimulatorFactory = {
  id: 'sir',
  description: `Stochastic SIR epidemic (GradBED/iDAD): pre-simulated Euler–Maruyama bank, measurement times in [0, 100] (${OPTIONS})`,
  create: (options) => new EpidemicSimulator('sir', options),
};

const seir: SimulatorFactory = {
  id: 'seir',
  description: `Stochastic SEIR epidemic (GradBED model discrimination): as sir plus an exposed compartment (${OPTIONS}, sigma)`,
  create: (options) => new EpidemicSimulator('seir', options),
};

const sirVsSeir: SimulatorFactory = {
  id: ModelChoiceSimulator.id,
  description: `SIR vs SEIR model discrimination (GradBED): θ = model index, one bank per model, default T = 2 (${OPTIONS}, sigma)`,
  create: (options) => new ModelChoiceSimulator(options),
};

export const epidemicModule = new ContainerModule(({ bind }) => {
  bind<SimulatorFactory>(TOKENS.SimulatorFactory).toConstantValue(sir);
  bind<SimulatorFactory>(TOKENS.SimulatorFactory).toConstantValue(seir);
  bind<SimulatorFactory>(TOKENS.SimulatorFactory).toConstantValue(sirVsSeir);
});
