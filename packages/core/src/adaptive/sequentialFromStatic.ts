import { BedError } from '../errors/BedError.js';
import type { Simulator } from '../simulator/Simulator.js';
import type { SequentialSimulator } from './StepwiseModel.js';

/**
 * Runs a static simulator sequentially: its T·d design coordinates become T measurements of its
 * `stepwise` model (observations independent given θ), with the same prior. The static simulator
 * is not modified; it only has to expose `stepwise`.
 * @throws BedError('invalidConfig') naming the simulator when it has no stepwise form.
 */
export function sequentialFromStatic(sim: Simulator): SequentialSimulator {
  const step = sim.stepwise;
  if (!step) {
    throw new BedError('invalidConfig', `simulator "${sim.id}" cannot run sequentially: it has no stepwise form (observations independent given θ, one design block per measurement)`);
  }
  const T = sim.designSpace.dim / step.designDim;
  if (!Number.isInteger(T) || sim.obsDim !== T * step.obsDim) {
    throw new BedError('internal', `simulator "${sim.id}": design dim ${sim.designSpace.dim} / obs dim ${sim.obsDim} are not T blocks of ${step.designDim} / ${step.obsDim}`);
  }
  return {
    id: sim.id,
    thetaNames: sim.thetaNames,
    T,
    step,
    samplePrior: (n, rng) => sim.samplePrior(n, rng),
    ...(sim.priorState && sim.restorePriorState ? { priorState: () => sim.priorState!(), restorePriorState: (st: unknown) => sim.restorePriorState!(st) } : {}),
    dispose: () => sim.dispose?.(),
  };
}
