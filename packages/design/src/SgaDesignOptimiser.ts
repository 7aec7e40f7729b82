import * as tf from '@tensorflow/tfjs';
import {
  BedError,
  infoNceBound,
  silentProgress,
  type DesignHooks,
  type DesignOptimiser,
  type DesignProblem,
  type DesignRecord,
  type DesignRun,
  type DesignSettings,
  type DesignSpace,
  type Rng,
} from '@infobed/core';
import { FusedAdam } from '@infobed/nn';

interface StepValues {
  loss: tf.Scalar;
  bound: tf.Scalar;
  estimate: tf.Scalar;
}

const meanSe = (v: number[]): [number, number] => {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, v.length - 1));
  return [m, sd / Math.sqrt(v.length)];
};

/**
 * Joint stochastic gradient ascent on critic parameters ψ and design ξ (GradBED, MINEBED):
 * each step draws θ ~ p(θ) and noise, simulates y(θ, d(ξ)) pathwise, scores the batch with the
 * critic and takes one Adam step on ψ and one on ξ (separate learning rates), then projects ξ into
 * the design space. Optional critic-only steps at the final design, then a read-out over fresh
 * batches. Values are read back only on record steps, where non-finite values stop the run with
 * `BedError('numerical')` whose `cause` is `{ lastGood: DesignRecord | undefined, history }`.
 */
export class SgaDesignOptimiser implements DesignOptimiser {
  static readonly id = 'sga';
  readonly id = SgaDesignOptimiser.id;

  run(problem: DesignProblem, s: DesignSettings, rng: Rng, hooks: DesignHooks = {}): DesignRun {
    const { simulator: sim, critic } = problem;
    const space: DesignSpace = sim.designSpace;
    if (s.initialDesign) space.validate(s.initialDesign, 'design.initial');
    const start = s.initialDesign ? space.toRaw(s.initialDesign) : space.initialRaw(rng.fork('design-init'));
    const raw = tf.tidy(() => tf.variable(tf.tensor1d(start)));
    const optCritic = new FusedAdam(s.lrCritic);
    const optDesign = new FusedAdam(s.lrDesign);
    const data = rng.fork('data');
    const history: DesignRecord[] = [];
    const progress = (hooks.progress ?? silentProgress).start('design', s.steps + s.finalCriticSteps);
    const t0 = performance.now();
    const total = s.steps + s.finalCriticSteps;
    try {
      for (let step = 1; step <= total; step++) {
        const phase = step <= s.steps ? 'joint' : 'critic';
        const record = step % s.recordEvery === 0 || step === s.steps || step === total;
        const values = tf.tidy(() => {
          const theta = sim.samplePrior(s.batch, data);
          const noise = sim.sampleNoise(s.batch, data);
          const vars = phase === 'joint' ? [...critic.variables, raw] : [...critic.variables];
          let kept: Omit<StepValues, 'loss'> | undefined;
          const { value, grads } = tf.variableGrads(() => {
            const y = sim.simulate(theta, space.toDesign(raw as tf.Variable<tf.Rank.R1>), noise);
            const batch = critic.scores(theta, y);
            const out = problem.objective.evaluate(batch);
            if (record) kept = { bound: tf.keep(out.bound ?? infoNceBound(batch.scores)), estimate: tf.keep(out.mi) };
            return out.loss;
          }, vars);
          const designGrad = grads[raw.name];
          delete grads[raw.name];
          optCritic.applyGradients(grads as tf.NamedTensorMap as Record<string, tf.Variable>);
          if (designGrad) {
            optDesign.applyGradients({ [raw.name]: designGrad } as unknown as Record<string, tf.Variable>);
            raw.assign(space.project(raw as tf.Variable<tf.Rank.R1>));
          }
          return kept ? { loss: value, ...kept } : undefined;
        });
        if (values) {
          const row = this.read(values, step, phase, this.designOf(problem, raw), history);
          hooks.onRecord?.(row);
          progress.update(step, { bound: row.bound.toFixed(3), estimate: row.estimate.toFixed(3) });
        }
      }
      const final = this.readOut(problem, s, raw, data);
      const design = this.designOf(problem, raw);
      return { design, history, final, stepsDone: total, seconds: (performance.now() - t0) / 1000 };
    } finally {
      progress.stop();
      raw.dispose();
      optCritic.dispose();
      optDesign.dispose();
    }
  }

  /** Reads one history row; throws `numerical` (with the last good row) on a non-finite value. */
  private read(v: StepValues, step: number, phase: DesignRecord['phase'], design: number[], history: DesignRecord[]): DesignRecord {
    const [loss, bound, estimate] = [v.loss, v.bound, v.estimate].map((t) => t.dataSync()[0]!) as [number, number, number];
    tf.dispose([v.loss, v.bound, v.estimate]);
    const row: DesignRecord = { step, phase, loss, bound, estimate, design };
    const bad = !Number.isFinite(loss) || !Number.isFinite(bound) || !Number.isFinite(estimate) || design.some((d) => !Number.isFinite(d));
    if (bad) {
      const lastGood = history.at(-1);
      throw new BedError(
        'numerical',
        `design: non-finite ${Number.isFinite(loss) ? 'bound or design' : 'loss'} at step ${step} (loss ${loss}, bound ${bound}); last good state at step ${lastGood?.step ?? 0}. Lower design.lrCritic / design.lrDesign or pick a bounded critic`,
        { cause: { lastGood, history } },
      );
    }
    history.push(row);
    return row;
  }

  /** The current design as numbers (raw mapped through the design space). */
  private designOf(problem: DesignProblem, raw: tf.Variable): number[] {
    return tf.tidy(() => Array.from(problem.simulator.designSpace.toDesign(raw as tf.Variable<tf.Rank.R1>).dataSync()));
  }

  /** Mean ± s.e. of the bound and the estimate over `evalBatches` fresh batches at the final design (no training). */
  private readOut(problem: DesignProblem, s: DesignSettings, raw: tf.Variable, data: Rng): DesignRun['final'] {
    const bounds: number[] = [];
    const estimates: number[] = [];
    for (let k = 0; k < s.evalBatches; k++) {
      const [b, e] = tf.tidy(() => {
        const theta = problem.simulator.samplePrior(s.batch, data);
        const y = problem.simulator.simulate(theta, problem.simulator.designSpace.toDesign(raw as tf.Variable<tf.Rank.R1>), problem.simulator.sampleNoise(s.batch, data));
        const batch = problem.critic.scores(theta, y);
        const out = problem.objective.evaluate(batch);
        return [(out.bound ?? infoNceBound(batch.scores)).dataSync()[0]!, out.mi.dataSync()[0]!];
      });
      bounds.push(b);
      estimates.push(e);
    }
    const [bound, boundStderr] = meanSe(bounds);
    const [estimate, estimateStderr] = meanSe(estimates);
    if (!Number.isFinite(bound) || !Number.isFinite(estimate)) {
      throw new BedError('numerical', `design: non-finite final read-out (bound ${bound}, estimate ${estimate})`, { cause: { lastGood: undefined, history: [] } });
    }
    return { bound, boundStderr, estimate, estimateStderr };
  }
}
