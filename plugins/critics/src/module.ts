import { TOKENS, type CriticFactory } from '@infobed/core';
import { ContainerModule } from 'inversify';
import { bilinearCriticFactory } from './BilinearCritic.js';
import { JointCritic } from './JointCritic.js';
import { SeparableCritic } from './SeparableCritic.js';
import { sharedCriticFactory } from './SharedCritic.js';

const separable: CriticFactory = {
  id: SeparableCritic.id,
  description: 'f(x)·g(y): two MLP towers and one matmul (options: hidden, embed, activation)',
  create: (spec) => new SeparableCritic(spec),
};

const joint: CriticFactory = {
  id: JointCritic.id,
  description: 'h([x, y]) over all B² pairs, factorised first layer (options: hidden, activation)',
  create: (spec) => new JointCritic(spec),
};

export const criticsModule = new ContainerModule(({ bind }) => {
  bind<CriticFactory>(TOKENS.CriticFactory).toConstantValue(separable);
  bind<CriticFactory>(TOKENS.CriticFactory).toConstantValue(joint);
  bind<CriticFactory>(TOKENS.CriticFactory).toConstantValue(bilinearCriticFactory);
  bind<CriticFactory>(TOKENS.CriticFactory).toConstantValue(sharedCriticFactory);
});
