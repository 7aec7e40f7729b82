import { TOKENS, type PolicyFactory } from '@infobed/core';
import { ContainerModule } from 'inversify';
import { EqualIntervalPolicy, RandomPolicy, StaticPolicy } from './baselinePolicies.js';
import { DeepSetsPolicy } from './DeepSetsPolicy.js';
import { GruPolicy } from './GruPolicy.js';
import { LstmPolicy } from './LstmPolicy.js';

export const POLICY_FACTORIES: readonly PolicyFactory[] = [
  { id: DeepSetsPolicy.id, adaptive: true, description: 'DeepSets (DAD): sum-pooled MLP encodings of (ξ, y) → emitter MLP (options: encoding, encoderHidden, emitterHidden, activation)', create: (s) => new DeepSetsPolicy(s) },
  { id: GruPolicy.id, adaptive: true, description: "recurrent: per-step MLP → GRU layers → emitter MLP, for ordered histories; layers: 2, width: 64 is FLO's 2 × 64 RNN (options: encoding, encoderHidden, layers, width, emitterHidden, activation)", create: (s) => new GruPolicy(s) },
  { id: LstmPolicy.id, adaptive: true, description: "recurrent (iDAD's SIR policy): per-step MLP → 2-layer LSTM of width 32 → emitter MLP (options: encoding, encoderHidden, layers, width, emitterHidden, activation)", create: (s) => new LstmPolicy(s) },
  { id: RandomPolicy.id, adaptive: false, description: 'baseline: raw ξ ~ N(0, scale²) through the design space (options: scale)', create: (s) => new RandomPolicy(s) },
  { id: EqualIntervalPolicy.id, adaptive: false, description: 'baseline: T evenly spaced 1-D designs (times) (options: from, to)', create: (s) => new EqualIntervalPolicy(s) },
  { id: StaticPolicy.id, adaptive: false, description: 'baseline: one fixed design of T measurements, trainable by the same objective (options: initial, initScale)', create: (s) => new StaticPolicy(s) },
];

export const policiesModule = new ContainerModule(({ bind }) => {
  for (const f of POLICY_FACTORIES) bind<PolicyFactory>(TOKENS.PolicyFactory).toConstantValue(f);
});
