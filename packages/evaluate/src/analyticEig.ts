import { BedError, type Simulator } from '@infobed/core';
import type { EigEstimate } from './EigEstimate.js';

/** The simulator's closed-form EIG (nats), with stderr 0. Throws `invalidArgument` when it has none. */
export function analyticEig(sim: Simulator, design: readonly number[]): EigEstimate {
  if (!sim.analyticEig) {
    throw new BedError('invalidArgument', `evaluate: simulator "${sim.id}" has no closed-form EIG; use method "spce" or "nmc" (needs a likelihood)`);
  }
  sim.designSpace.validate(design, 'design');
  const value = sim.analyticEig(design);
  if (!Number.isFinite(value)) throw new BedError('numerical', `evaluate: analytic EIG of "${sim.id}" is ${value}`);
  return { method: 'analytic', value, stderr: 0 };
}
