import { BedError, TOKENS, type MiObjective, type ObjectiveFactory } from '@infobed/core';
import { ContainerModule } from 'inversify';
import { DrfObjective } from './DrfObjective.js';
import { JsAnchorObjective } from './JsAnchorObjective.js';

const noOptions = (id: string, make: () => MiObjective) => (options: Readonly<Record<string, unknown>>) => {
  const extra = Object.keys(options ?? {});
  if (extra.length > 0) throw new BedError('invalidConfig', `objective.options.${extra[0]}: unknown option (objective "${id}" takes none)`);
  return make();
};

/** The two factories of this plugin. */
export const ratioFactories: readonly ObjectiveFactory[] = [
  {
    id: JsAnchorObjective.id,
    description: 'JS plug-in (logistic / NCE, K = 1, ν = 1): learns PMI exactly, reports mean S_ii',
    type: 3,
    reports: 'plug-in',
    create: noOptions(JsAnchorObjective.id, () => new JsAnchorObjective()),
  },
  {
    id: DrfObjective.id,
    description: 'D-RF χ² (least-squares) density-ratio fitting, r = e^S; reports mean S_ii; raises on float32 overflow',
    type: 3,
    reports: 'plug-in',
    needsBoundedScores: 'e^{2S} overflows float32 for scores above ~44 (exit 3)',
    create: noOptions(DrfObjective.id, () => new DrfObjective()),
  },
];

export const ratioModule = new ContainerModule(({ bind }) => {
  for (const f of ratioFactories) bind<ObjectiveFactory>(TOKENS.ObjectiveFactory).toConstantValue(f);
});
