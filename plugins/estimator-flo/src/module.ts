import { BedError, TOKENS, type ObjectiveFactory } from '@infobed/core';
import { ContainerModule } from 'inversify';
import { FdvObjective } from './FdvObjective.js';
import { parseFdvOptions } from './fdvOptions.js';
import { FloObjective } from './FloObjective.js';

const flo: ObjectiveFactory = {
  id: FloObjective.id,
  description: 'FLO (Guo et al. 2022): type-1 bound with a positive-pair u-head; no output clamp; default critic: the paper\'s shared joint network (estimate and design, unless a critic is named)',
  type: 1,
  reports: 'bound',
  aux: 'positivePair',
  needsBoundedScores: 'e^{a} overflows float32 once the score scale grows (above ~5 nats), and design gradients stall',
  // The FLO paper's own critic: one joint network with score and u heads over all B² pairs.
  defaultCritic: { id: 'shared', options: { hidden: [256, 256] } },
  create: (options) => {
    const extra = Object.keys(options ?? {});
    if (extra.length > 0) throw new BedError('invalidConfig', `objective.options.${extra[0]}: unknown option (objective "flo" takes none)`);
    return new FloObjective();
  },
};

const fdv: ObjectiveFactory = {
  id: FdvObjective.id,
  description: 'FDV (FLO repository): InfoNCE value, FLO gradient at the batch-optimal u, per-row clamp (options: clamp)',
  type: 2,
  reports: 'other-bound',
  create: (options) => new FdvObjective(parseFdvOptions(options)),
};

export const floModule = new ContainerModule(({ bind }) => {
  bind<ObjectiveFactory>(TOKENS.ObjectiveFactory).toConstantValue(flo);
  bind<ObjectiveFactory>(TOKENS.ObjectiveFactory).toConstantValue(fdv);
});
