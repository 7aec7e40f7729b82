import { TOKENS, type TaskFactory } from '@infobed/core';
import { ContainerModule } from 'inversify';
import { TASK_FAMILIES } from './families.js';

export const tasksModule = new ContainerModule(({ bind }) => {
  for (const f of TASK_FAMILIES) bind<TaskFactory>(TOKENS.TaskFactory).toConstantValue(f);
});
