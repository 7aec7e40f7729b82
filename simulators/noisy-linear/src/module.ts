import { TOKENS, type SimulatorFactory } from '@infobed/core';
import { ContainerModule } from 'inversify';
import { LinearGaussianSimulator } from './LinearGaussianSimulator.js';
import { LinearGaussianOptionsSchema, NoisyLinearOptionsSchema, parseOptions } from './linearOptions.js';
import { NoisyLinearSimulator } from './NoisyLinearSimulator.js';

const noisyLinear: SimulatorFactory = {
  id: NoisyLinearSimulator.id,
  description: 'y = θ₀ + θ₁d + N(0,1) + Gamma(2, scale 2), θ ~ N(0, 3²I); D designs in [−2, 2] (GradBED)',
  create: (o) => new NoisyLinearSimulator(parseOptions(NoisyLinearOptionsSchema, NoisyLinearSimulator.id, o)),
};

const linearGaussian: SimulatorFactory = {
  id: LinearGaussianSimulator.id,
  description: 'y = θ₀ + θ₁d + N(0, σ²), closed-form EIG and likelihood (ground truth for tests)',
  create: (o) => new LinearGaussianSimulator(parseOptions(LinearGaussianOptionsSchema, LinearGaussianSimulator.id, o)),
};

export const noisyLinearModule = new ContainerModule(({ bind }) => {
  bind<SimulatorFactory>(TOKENS.SimulatorFactory).toConstantValue(noisyLinear);
  bind<SimulatorFactory>(TOKENS.SimulatorFactory).toConstantValue(linearGaussian);
});
