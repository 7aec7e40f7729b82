import * as tf from '@tensorflow/tfjs';
import { BedError, type Policy, type SequentialSimulator } from '@infobed/core';

/** The measurements made so far, as a lab reports them: designs in simulator units, observations as measured. */
export interface History {
  readonly designs: number[][];
  readonly observations: number[][];
}

/** What `infobed policy next` prints. */
export interface NextDesign {
  /** 1-based index of the measurement this design is for. */
  readonly t: number;
  /** The design in simulator units (location: ξ ∈ R²; PK: a time in hours). */
  readonly design: number[];
  /** The policy's raw output (before the design-space transform). */
  readonly raw: number[];
  /** Wall-clock of loading the history into the policy and one forward pass, ms. */
  readonly latencyMs: number;
}

const isNumRow = (v: unknown, len: number): v is number[] => Array.isArray(v) && v.length === len && v.every((x) => typeof x === 'number' && Number.isFinite(x));

/**
 * Parses and validates `--history` JSON: `{"designs": [[d] × t], "observations": [[q] × t]}` with
 * t < T (a `rollouts.jsonl` line is accepted; its `theta` is ignored). Errors are usage errors
 * naming the field. `complete`: a finished experiment, t = T exactly (`policy infer --observed`).
 */
export function parseHistory(text: string, seq: SequentialSimulator, { flag = '--history', complete = false }: { flag?: string; complete?: boolean } = {}): History {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    throw new BedError('invalidArgument', `${flag}: not valid JSON (${(cause as Error).message}); expected {"designs": [[…], …], "observations": [[…], …]}`, { cause });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new BedError('invalidArgument', `${flag}: expected an object {"designs": [...], "observations": [...]}`);
  const { designs, observations } = doc as Record<string, unknown>;
  if (!Array.isArray(designs)) throw new BedError('invalidArgument', `${flag}: designs: expected an array of designs (one per measurement made)`);
  if (!Array.isArray(observations)) throw new BedError('invalidArgument', `${flag}: observations: expected an array of observations (one per measurement made)`);
  if (designs.length !== observations.length) {
    throw new BedError('invalidArgument', `${flag}: designs has ${designs.length} entries but observations has ${observations.length}; they must pair up`);
  }
  if (complete && designs.length !== seq.T) {
    throw new BedError('invalidArgument', `${flag}: ${designs.length} measurements given; the policy was trained for T = ${seq.T}, and the posterior needs all ${seq.T}`);
  }
  if (!complete && designs.length >= seq.T) {
    throw new BedError('invalidArgument', `${flag}: ${designs.length} measurements already made, but the policy was trained for T = ${seq.T}; at most ${seq.T - 1} can precede a next design`);
  }
  const { designDim: d, obsDim: q } = seq.step;
  designs.forEach((x, t) => {
    if (!isNumRow(x, d)) throw new BedError('invalidArgument', `${flag}: designs[${t}]: expected ${d} finite numbers, got ${JSON.stringify(x)}`);
    seq.step.designSpace.validate(x, `${flag}: designs[${t}]`);
    seq.step.designChain?.validate(x, t > 0 ? (designs[t - 1] as number[]) : undefined, `${flag}: designs[${t}]`);
  });
  observations.forEach((y, t) => {
    if (!isNumRow(y, q)) throw new BedError('invalidArgument', `${flag}: observations[${t}]: expected ${q} finite numbers, got ${JSON.stringify(y)}`);
  });
  return { designs: designs as number[][], observations: observations as number[][] };
}

/** `[t][d]` raw designs of a history's designs (simulator units), through the step's design chain or design space. */
export function rawDesigns(seq: SequentialSimulator, designs: readonly number[][]): number[][] {
  const chain = seq.step.designChain;
  return designs.map((x, t) => (chain ? chain.toRaw(x, designs[t - 1]) : seq.step.designSpace.toRaw(x)));
}

/** `[T·(d + q)]` one history as the critic reads it (`historyRows`): raw ξ_1, y_1, …, raw ξ_t, y_t. */
export function historyRowOf(seq: SequentialSimulator, history: History): number[] {
  return rawDesigns(seq, history.designs).flatMap((raw, t) => [...raw, ...history.observations[t]!]);
}

/** The policy's next design after `history` (one rollout): replays the history through the policy state, then one forward pass. */
export function nextDesign(policy: Policy, seq: SequentialSimulator, history: History): NextDesign {
  const t0 = performance.now();
  const space = seq.step.designSpace;
  const chain = seq.step.designChain;
  const raws = rawDesigns(seq, history.designs);
  const raw = tf.tidy(() => {
    let state = policy.initial(1);
    raws.forEach((r, t) => {
      state = policy.observe(state, tf.tensor2d([r]), tf.tensor2d([history.observations[t]!]), t);
    });
    return policy.propose(state, history.designs.length);
  });
  const last = history.designs.at(-1);
  const design = tf.tidy(() => Array.from((chain ? chain.toDesign(raw, last ? tf.tensor2d([last]) : undefined) : space.toDesign(raw)).dataSync()));
  const rawArr = Array.from(raw.dataSync());
  raw.dispose();
  return { t: history.designs.length + 1, design, raw: rawArr, latencyMs: Math.round((performance.now() - t0) * 100) / 100 };
}
