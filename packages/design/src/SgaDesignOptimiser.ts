import * as tf from '@tensorflow/tfjs';
import {
  BedError,
  infoNceBound,
  restoreVariables,
  Rng,
  saveVariables,
  silentProgress,
  type Checkpoint,
  type DesignHooks,
  type DesignOptimiser,
  type DesignProblem,
  type DesignRecord,
  type DesignRun,
  type DesignSettings,
  type DesignSpace,
  type RngState,
} from '@infobed/core';
import { FusedAdam, type AdamScalars } from '@infobed/nn';
import { ScoreFunctionGradient } from './scoreFunctionGradient.js';

interface StepValues {
  loss: tf.Scalar;
  bound: tf.Scalar;
  estimate: tf.Scalar;
}

/** JSON part of a design checkpoint (kind `design`); tensors: `critic/<i>`, `design/0`, `adamCritic/…`, `adamDesign/…`. */
export interface DesignCheckpointState {
  readonly history: DesignRecord[];
  /** Position of the `data` stream (prior and noise draws). */
  readonly data: RngState;
  /** Training seconds before this checkpoint. */
  readonly seconds: number;
  readonly adamCritic: AdamScalars;
  readonly adamDesign: AdamScalars;
  /** A stateful objective's state (MINE's moving average). */
  readonly objective?: unknown;
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
 * With `hooks.checkpointer` it saves every N steps and on interruption; `hooks.resume` continues a
 * saved run to the same result as an uninterrupted one (same backend).
 */
export class SgaDesignOptimiser implements DesignOptimiser {
  static readonly id = 'sga';
  readonly id = SgaDesignOptimiser.id;

  async run(problem: DesignProblem, s: DesignSettings, rng: Rng, hooks: DesignHooks = {}): Promise<DesignRun> {
    const { simulator: sim, critic, objective } = problem;
    const space: DesignSpace = sim.designSpace;
    if (s.initialDesign) space.validate(s.initialDesign, 'design.initial');
    /** Discrete observations: unbiased likelihood-ratio design gradient instead of the pathwise one. */
    const scoreFn = sim.designGradient === 'score-function' ? new ScoreFunctionGradient(sim) : undefined;
    const start = s.initialDesign ? space.toRaw(s.initialDesign) : space.initialRaw(rng.fork('design-init'));
    const raw = tf.tidy(() => tf.variable(tf.tensor1d(start)));
    const optCritic = new FusedAdam(s.lrCritic);
    const optDesign = new FusedAdam(s.lrDesign);
    let data = rng.fork('data');
    let history: DesignRecord[] = [];
    let before = 0;
    let first = 1;
    const resume = hooks.resume as Checkpoint<DesignCheckpointState> | undefined;
    if (resume) {
      const st = resume.state;
      restoreVariables('critic', critic.variables, resume.tensors);
      restoreVariables('design', [raw], resume.tensors);
      optCritic.importState('adamCritic', critic.variables, st.adamCritic, resume.tensors);
      optDesign.importState('adamDesign', [raw], st.adamDesign, resume.tensors);
      scoreFn?.restore(resume.tensors);
      if (st.objective !== undefined) objective.restoreState?.(st.objective);
      data = Rng.restore(st.data);
      history = [...st.history];
      before = st.seconds;
      first = resume.step + 1;
    }
    const total = s.steps + s.finalCriticSteps;
    /** The design before the first step of this run (the last good state when the first record is bad). */
    const startDesign = this.designOf(problem, raw);
    const progress = (hooks.progress ?? silentProgress).start('design', total);
    const t0 = performance.now();
    const snapshot = (step: number): Checkpoint<DesignCheckpointState> => {
      const c = optCritic.exportState('adamCritic', critic.variables);
      const d = optDesign.exportState('adamDesign', [raw]);
      const obj = objective.saveState?.();
      return {
        kind: 'design',
        step,
        state: { history, data: data.state(), seconds: before + (performance.now() - t0) / 1000, adamCritic: c.scalars, adamDesign: d.scalars, ...(obj !== undefined ? { objective: obj } : {}) },
        tensors: { ...saveVariables('critic', critic.variables), ...saveVariables('design', [raw]), ...c.tensors, ...d.tensors, ...scoreFn?.save() },
      };
    };
    try {
      for (let step = first; step <= total; step++) {
        const phase = step <= s.steps ? 'joint' : 'critic';
        const record = step % s.recordEvery === 0 || step === s.steps || step === total;
        const values = tf.tidy(() => {
          const theta = sim.samplePrior(s.batch, data);
          const noise = sim.sampleNoise(s.batch, data);
          const sf = phase === 'joint' ? scoreFn : undefined;
          const vars = phase === 'joint' && !sf ? [...critic.variables, raw] : [...critic.variables];
          // Score-function steps simulate at a constant design (made before the tape): y carries no design gradient.
          const fixed = sf ? space.toDesign(raw as tf.Variable<tf.Rank.R1>) : undefined;
          let kept: Omit<StepValues, 'loss'> | undefined;
          let forScore: [tf.Tensor2D, tf.Tensor2D] | undefined;
          const { value, grads } = tf.variableGrads(() => {
            const y = sim.simulate(theta, fixed ?? space.toDesign(raw as tf.Variable<tf.Rank.R1>), noise);
            const batch = critic.scores(theta, y);
            if (sf) forScore = [tf.keep(y), tf.keep(batch.scores)];
            const out = objective.evaluate(batch);
            if (record) kept = { bound: tf.keep(out.bound ?? infoNceBound(batch.scores)), estimate: tf.keep(out.mi) };
            return out.loss;
          }, vars);
          const designGrad = sf && forScore ? sf.gradient(theta, ...forScore, raw, space, step) : grads[raw.name];
          if (forScore) tf.dispose(forScore);
          delete grads[raw.name];
          optCritic.applyGradients(grads as tf.NamedTensorMap as Record<string, tf.Variable>);
          if (designGrad) {
            optDesign.applyGradients({ [raw.name]: designGrad } as unknown as Record<string, tf.Variable>);
            raw.assign(space.project(raw as tf.Variable<tf.Rank.R1>));
          }
          return kept ? { loss: value, ...kept } : undefined;
        });
        if (values) {
          const row = this.read(values, step, phase, this.designOf(problem, raw), history, startDesign);
          hooks.onRecord?.(row);
          progress.update(step, { bound: row.bound.toFixed(3), estimate: row.estimate.toFixed(3) });
        }
        const jumped = phase === 'joint' ? hooks.jump?.(step, () => this.designOf(problem, raw)) : undefined;
        if (jumped) {
          space.validate(jumped, 'design (jump)');
          const next = tf.tensor1d(space.toRaw(jumped));
          raw.assign(next);
          next.dispose();
        }
        await hooks.checkpointer?.atStep(step, () => snapshot(step), step === total);
      }
      const final = this.readOut(problem, s, raw, data, history);
      const design = this.designOf(problem, raw);
      return { design, history, final, stepsDone: total, seconds: before + (performance.now() - t0) / 1000 };
    } finally {
      progress.stop();
      raw.dispose();
      optCritic.dispose();
      optDesign.dispose();
      scoreFn?.dispose();
    }
  }

  /** Reads one history row; throws `numerical` (with the last good row) on a non-finite value. */
  private read(v: StepValues, step: number, phase: DesignRecord['phase'], design: number[], history: DesignRecord[], startDesign: number[]): DesignRecord {
    const [loss, bound, estimate] = [v.loss, v.bound, v.estimate].map((t) => t.dataSync()[0]!) as [number, number, number];
    tf.dispose([v.loss, v.bound, v.estimate]);
    const row: DesignRecord = { step, phase, loss, bound, estimate, design };
    const bad = !Number.isFinite(loss) || !Number.isFinite(bound) || !Number.isFinite(estimate) || design.some((d) => !Number.isFinite(d));
    if (bad) {
      const lastGood = history.at(-1);
      throw new BedError(
        'numerical',
        `design: non-finite ${Number.isFinite(loss) ? 'bound or design' : 'loss'} at step ${step} (loss ${loss}, bound ${bound}); last good state at step ${lastGood?.step ?? 'the start'}. Lower design.lrCritic / design.lrDesign or pick a bounded critic`,
        { cause: { lastGood, history, startDesign } },
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
  private readOut(problem: DesignProblem, s: DesignSettings, raw: tf.Variable, data: Rng, history: DesignRecord[]): DesignRun['final'] {
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
      const lastGood = history.at(-1);
      throw new BedError('numerical', `design: non-finite final read-out at the final design (bound ${bound}, estimate ${estimate}); the training history is complete up to step ${lastGood?.step ?? 0}`, {
        cause: { lastGood, history },
      });
    }
    return { bound, boundStderr, estimate, estimateStderr };
  }
}
