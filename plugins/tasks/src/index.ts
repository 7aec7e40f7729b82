import type { InfobedPlugin } from '@infobed/core';
import { tasksModule } from './module.js';

export { additiveNoise, bivariateNormal, gaussian, multinormal2Pair, multinormalDense, studentT, TASK_FAMILIES } from './families.js';
export { GaussianTask } from './GaussianTask.js';
export { TransformedTask } from './TransformedTask.js';
export { gaussianMi, rhoForMi } from './base/gaussianTruth.js';
export { sampleCorrelatedGaussian } from './base/sampleCorrelatedGaussian.js';

const plugin: InfobedPlugin = {
  meta: { name: '@infobed/plugin-tasks', version: '0.1.0', apiVersion: 1 },
  provides: { tasks: ['gaussian', 'bivariate-normal', 'additive-noise', 'multinormal-dense', 'multinormal-2pair', 'student-t'] },
  module: tasksModule,
};
export default plugin;
