import * as tf from '@tensorflow/tfjs';
import type { Critic, DesignSettings, DesignSpace, MiObjective, ProgressReporter, Rng, Simulator } from '@infobed/core';
import type { EigEstimate, EvaluateSection } from './EigEstimate.js';
import { SgaDesignOptimiser } from './SgaDesignOptimiser.js';

/** One short start of `design.restarts`, as recorded in `result.json` (`restarts.starts`). */
export interface RestartStart {
  readonly start: number;
  /** `config`: from `design.initial`; `random`: a random design in the design space. */
  readonly from: 'config' | 'random';
  readonly design: number[];
  /** Final bound of the short run (its own critic, fresh batches). */
  readonly bound: number;
  /** Independent EIG of the short run's design (the `restartEval` budget). */
  readonly eig?: EigEstimate;
}

export interface RestartsResult {
  /** Index of the start that continues. */
  readonly best: number;
  readonly starts: RestartStart[];
  /** The best start's design and trained critic (the other critics are disposed). */
  readonly design: number[];
  readonly critic: Critic;
}

export interface RestartOptions {
  readonly simulator: Simulator;
  readonly objective: MiObjective;
  /** A fresh critic from a seed. */
  readonly makeCritic: (seed: number) => Critic;
  readonly settings: DesignSettings;
  readonly restarts: number;
  /** Joint steps of each short start (no critic-only phase). */
  readonly restartSteps: number;
  /** Independent EIG of a design (undefined where the simulator has none: the bound decides). */
  readonly score: (design: readonly number[], settings: EvaluateSection, rng: Rng) => EigEstimate | undefined;
  readonly evaluate: EvaluateSection;
  readonly rng: Rng;
  readonly progress?: ProgressReporter;
}

/**
 * A random starting design: uniform over a box space; for a sigmoid space, raw ~ U(−5, 5) (iDAD's
 * random-design sampler: it reaches the ends of the interval, which U(−2, 2), the optimiser's own
 * random start, never does — PK's best static design samples at 0.5 h, raw ≈ −3.8).
 */
function randomStart(space: DesignSpace, rng: Rng): number[] {
  if (space.transform === 'box') return Array.from({ length: space.dim }, () => rng.uniformIn(space.lower, space.upper));
  return tf.tidy(() => Array.from(space.toDesign(tf.tensor1d(Array.from({ length: space.dim }, () => rng.uniformIn(-5, 5)))).dataSync()));
}

/**
 * `design.restarts: N`: N short runs of the design optimiser from different initial designs — the
 * config's `initial` (else a random one) for start 0, random designs (`randomStart`) for the
 * others — each with its own critic and streams (`rng.fork('restart-i')`). Each short run's design
 * is scored on the same draws (common random numbers, so the comparison is tighter than each s.e.) by the independent EIG (sPCE/analytic at the `evaluate` budget; by its bound where the
 * simulator has no likelihood); the best continues in the main run with its trained critic.
 */
export async function runRestarts(o: RestartOptions): Promise<RestartsResult> {
  const starts: RestartStart[] = [];
  const critics: Critic[] = [];
  try {
    for (let i = 0; i < o.restarts; i++) {
      const r = o.rng.fork(`restart-${i}`);
      const critic = o.makeCritic(r.fork('critic').nextSeed());
      critics.push(critic);
      const fromConfig = i === 0 && o.settings.initialDesign !== undefined;
      const initialDesign = fromConfig ? o.settings.initialDesign! : randomStart(o.simulator.designSpace, r.fork('start'));
      const settings: DesignSettings = { ...o.settings, initialDesign, steps: o.restartSteps, finalCriticSteps: 0 };
      const run = await new SgaDesignOptimiser().run({ simulator: o.simulator, objective: o.objective, critic }, settings, r, {});
      const eig = o.score(run.design, o.evaluate, o.rng.fork('restart-evaluate')); // the same draws for every start (common random numbers)
      starts.push({ start: i, from: fromConfig ? 'config' : 'random', design: run.design, bound: run.final.bound, ...(eig ? { eig } : {}) });
      o.progress?.log(
        `restart ${i + 1}/${o.restarts} (${fromConfig ? 'config' : 'random'} start): [${run.design.map((d) => d.toFixed(2)).join(', ')}] bound ${run.final.bound.toFixed(3)}${eig ? `, EIG ${eig.value.toFixed(3)} ± ${eig.stderr.toFixed(3)}` : ''}`,
      );
    }
  } catch (e) {
    critics.forEach((c) => c.dispose());
    throw e;
  }
  const value = (s: RestartStart): number => s.eig?.value ?? s.bound;
  const best = starts.reduce((b, s) => (value(s) > value(starts[b]!) ? s.start : b), 0);
  critics.forEach((c, i) => i !== best && c.dispose());
  return { best, starts, design: starts[best]!.design, critic: critics[best]! };
}
