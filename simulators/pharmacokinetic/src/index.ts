import type { InfobedPlugin } from '@infobed/core';
import { pharmacokineticModule } from './module.js';

export { PharmacokineticSimulator } from './PharmacokineticSimulator.js';
export { PkOptionsSchema, parsePkOptions, type PkOptions } from './pkOptions.js';
export { pkBaselineTimes } from './pkBaselineTimes.js';
export { PkStep, pkCurve, pkNoiseSd } from './PkStep.js';
export { pkLogLikelihood64, pkMean64, pkNestedTerms64, type PkTerms64 } from './pkNestedTerms64.js';

const plugin: InfobedPlugin = {
  meta: { name: '@infobed/simulator-pharmacokinetic', version: '0.1.0', apiVersion: 1 },
  provides: { simulators: ['pharmacokinetic'] },
  module: pharmacokineticModule,
};
export default plugin;
