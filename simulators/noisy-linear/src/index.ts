import type { InfobedPlugin } from '@infobed/core';
import { noisyLinearModule } from './module.js';

export { NoisyLinearSimulator } from './NoisyLinearSimulator.js';
export { LinearGaussianSimulator } from './LinearGaussianSimulator.js';
export {
  LinearGaussianOptionsSchema,
  NoisyLinearOptionsSchema,
  type LinearGaussianOptions,
  type NoisyLinearOptions,
} from './linearOptions.js';

const plugin: InfobedPlugin = {
  meta: { name: '@infobed/simulator-noisy-linear', version: '0.1.0', apiVersion: 1 },
  provides: { simulators: ['noisy-linear', 'linear-gaussian'] },
  module: noisyLinearModule,
};
export default plugin;
