import { TOKENS, parsePluginOptions, type MiObjective, type ObjectiveFactory } from '@infobed/core';
import { ContainerModule } from 'inversify';
import * as z from 'zod';
import { AlphaInfoNceObjective, AlphaInfoNceOptionsSchema } from './AlphaInfoNceObjective.js';
import { DvObjective } from './DvObjective.js';
import { InfoNceObjective } from './InfoNceObjective.js';
import { JsObjective, JsOptionsSchema } from './JsObjective.js';
import { MineObjective, MineOptionsSchema } from './MineObjective.js';
import { NwjObjective } from './NwjObjective.js';
import { SmileObjective, SmileOptionsSchema } from './SmileObjective.js';
import { TubaObjective } from './TubaObjective.js';

const NoOptions = z.object({}).strict();
const plain = (id: string, make: () => MiObjective) => (options: unknown) => {
  parsePluginOptions(NoOptions, options, 'objective', id);
  return make();
};

/** The eight factories of this plugin, in `plugins list` order. */
export const boundFactories: readonly ObjectiveFactory[] = [
  { id: 'infonce', description: 'InfoNCE (van den Oord et al. 2018): bound ≤ log B', type: 1, reports: 'bound', create: plain('infonce', () => new InfoNceObjective()) },
  { id: 'nwj', description: 'NWJ / f-GAN KL: mean S_ii − mean e^{S_ij−1}; high variance at large MI', type: 1, reports: 'bound', create: plain('nwj', () => new NwjObjective()) },
  { id: 'tuba', description: 'TUBA (Poole et al. 2019): NWJ with a learned row log-baseline', type: 1, reports: 'bound', aux: 'rowBaseline', create: plain('tuba', () => new TubaObjective()) },
  { id: 'dv', description: 'Donsker–Varadhan: mean S_ii − log mean e^{S_ij}', type: 1, reports: 'bound', create: plain('dv', () => new DvObjective()) },
  {
    id: 'alpha-infonce',
    description: 'α-InfoNCE (Poole et al. 2019): InfoNCE/TUBA interpolation with a row baseline (options: alpha)',
    type: 1,
    reports: 'bound',
    aux: 'rowBaseline',
    create: (o) => new AlphaInfoNceObjective(parsePluginOptions(AlphaInfoNceOptionsSchema, o, 'objective', 'alpha-infonce')),
  },
  {
    id: 'mine',
    description: 'MINE (Belghazi et al. 2018): DV value, EMA-corrected gradient (options: momentum, bufferUpdate, initialBuffer)',
    type: 2,
    reports: 'other-bound',
    create: (o) => new MineObjective(parsePluginOptions(MineOptionsSchema, o, 'objective', 'mine')),
  },
  {
    id: 'js',
    description: "Poole's JS: trains f-GAN JS, reports NWJ(S+1) (options: report 'nwj+1' | 'nwj')",
    type: 2,
    reports: 'other-bound',
    create: (o) => new JsObjective(parsePluginOptions(JsOptionsSchema, o, 'objective', 'js')),
  },
  {
    id: 'smile',
    description: 'SMILE (Song & Ermon 2020): trains f-GAN JS, reports DV with a clipped partition (options: tau)',
    type: 2,
    reports: 'other-bound',
    create: (o) => new SmileObjective(parsePluginOptions(SmileOptionsSchema, o, 'objective', 'smile')),
  },
];

export const boundsModule = new ContainerModule(({ bind }) => {
  for (const f of boundFactories) bind<ObjectiveFactory>(TOKENS.ObjectiveFactory).toConstantValue(f);
});
