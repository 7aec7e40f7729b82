import { restoreVariables, type Critic, type PluginHost, type Simulator } from '@infobed/core';
import { readSavedCritic, StandardisedCritic, type SavedCriticState } from '@infobed/design';

/** A design run's trained critic, rebuilt with its weights, and the run's simulator. */
export interface RunCritic {
  readonly critic: Critic;
  readonly sim: Simulator;
  readonly state: SavedCriticState;
  /** Frees the critic and the simulator. */
  dispose(): void;
}

/**
 * Rebuilds `<runDir>/model/critic.ibck` (docs/infer.md): the critic from its factory id and
 * options, wrapped in `StandardisedCritic` when it was trained on standardised inputs, with the
 * saved weights; and the simulator with the run's options.
 */
export function loadRunCritic(host: PluginHost, runDir: string): RunCritic {
  const saved = readSavedCritic(runDir);
  const st = saved.state;
  const sim = host.simulator(st.simulator.id).create(st.simulator.options);
  const inner = host.critic(st.critic.id).create({ xDim: st.critic.xDim, yDim: st.critic.yDim, ...(st.critic.aux ? { aux: st.critic.aux } : {}), options: st.critic.options, seed: 0 });
  const critic = st.inputScaling ? new StandardisedCritic(inner, st.inputScaling) : inner;
  const dispose = (): void => {
    critic.dispose();
    sim.dispose?.();
  };
  try {
    restoreVariables('critic', critic.variables, saved.tensors);
  } catch (e) {
    dispose();
    throw e;
  }
  return { critic, sim, state: st, dispose };
}
