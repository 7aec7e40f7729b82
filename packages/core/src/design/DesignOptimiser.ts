import type { Checkpoint } from '../checkpoint/CheckpointFile.js';
import type { Checkpointer } from '../checkpoint/Checkpointer.js';
import type { Critic } from '../critic/Critic.js';
import type { MiObjective } from '../objective/MiObjective.js';
import type { ProgressReporter } from '../progress/ProgressReporter.js';
import type { Rng } from '../rng/Rng.js';
import type { Simulator } from '../simulator/Simulator.js';

/** What is optimised: a simulator's design, scored by an objective on a critic's scores. */
export interface DesignProblem {
  readonly simulator: Simulator;
  readonly objective: MiObjective;
  readonly critic: Critic;
}

export interface DesignSettings {
  /** Joint (critic + design) steps. */
  readonly steps: number;
  /** Extra critic-only steps at the final design, for a calibrated read-out (0 = none). */
  readonly finalCriticSteps: number;
  /** Pairs (θ_i, y_i) per step; the score matrix is `[batch, batch]`. */
  readonly batch: number;
  readonly lrCritic: number;
  readonly lrDesign: number;
  /** Starting design; random in the design space when absent. */
  readonly initialDesign?: readonly number[];
  /** A history row every `recordEvery` steps (and at the last step). */
  readonly recordEvery: number;
  /** Final read-out: mean bound and estimate over this many fresh batches at the final design. */
  readonly evalBatches: number;
}

/** One row of `history.csv`. */
export interface DesignRecord {
  readonly step: number;
  readonly phase: 'joint' | 'critic';
  readonly loss: number;
  /** Lower bound in nats on this batch (the objective's own, else InfoNCE of the same scores). */
  readonly bound: number;
  /** The objective's reported value in nats (bound or plug-in). */
  readonly estimate: number;
  readonly design: readonly number[];
}

export interface DesignRun {
  readonly design: number[];
  readonly history: DesignRecord[];
  /** Mean over `evalBatches` fresh batches at the final design, with standard errors. */
  readonly final: { readonly bound: number; readonly boundStderr: number; readonly estimate: number; readonly estimateStderr: number };
  readonly stepsDone: number;
  readonly seconds: number;
}

export interface DesignHooks {
  readonly progress?: ProgressReporter;
  /** Called with every history row as it is recorded (checkpoints, live plots). */
  readonly onRecord?: (row: DesignRecord) => void;
  /** Saves checkpoints every N steps and on interruption (then stops with `BedError('interrupted')`). */
  readonly checkpointer?: Checkpointer;
  /** Continue from this checkpoint (written by the same optimiser on the same problem). */
  readonly resume?: Checkpoint;
  /**
   * Called after every joint step (before its checkpoint) with the step and a reader of the current
   * design; a returned design replaces the current one (a jump, e.g. `design.exchangeAt`'s
   * exchange moves), undefined keeps it. Must be cheap on steps where it does nothing.
   */
  readonly jump?: (step: number, design: () => number[]) => number[] | undefined;
}

/**
 * The outer loop: optimises the design by stochastic gradient ascent on an MI objective,
 * jointly with the critic. Throws `BedError('numerical')` carrying the last good state
 * (`cause.lastGood`) when a bound or the design turns non-finite.
 */
export interface DesignOptimiser {
  readonly id: string;
  run(problem: DesignProblem, settings: DesignSettings, rng: Rng, hooks?: DesignHooks): Promise<DesignRun>;
}
