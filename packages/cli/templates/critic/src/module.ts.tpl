import { TOKENS, type CriticFactory } from '@infobed/core';
import { ContainerModule } from 'inversify';
import { __CLASS__ } from './__CLASS__.js';

/** What InfoBED resolves by id: a description, whether scores are bounded, and a constructor. */
export const factory: CriticFactory = {
  id: __CLASS__.id,
  description: 'separable critic f(x)^T g(y), one-hidden-layer MLP towers (options hidden, embed)',
  boundedScores: false,
  create: (spec) => new __CLASS__(spec),
};

/** Plugins only ever call `bind`, with the core's tokens. */
export const __MODULE__ = new ContainerModule(({ bind }) => {
  bind<CriticFactory>(TOKENS.CriticFactory).toConstantValue(factory);
});
