import * as tf from '@tensorflow/tfjs';
import type { DesignSpace } from '@infobed/core';
import type { JumpRecord } from './jumpHooks.js';

/**
 * The final polish of `design.polish`, as recorded in `result.json` (`polish`): `step` is the last
 * joint step, `to` the polished design, `accepted` whether any move improved it (then the run
 * continues from `to`).
 */
export interface PolishRecord extends JumpRecord {
  /** Moves accepted, and designs scored (the starting one included). */
  readonly moves: number;
  readonly evaluations: number;
}

/**
 * Pattern search (compass search) on the optimiser's raw coordinates, maximising `score` — the
 * independent EIG on one fixed set of draws, so every comparison is paired. For each step size
 * `h` in `steps` (largest first) it sweeps over the raw coordinates, moving each by −h or else +h
 * when that beats the current design (opportunistic polling), and repeats the sweep; after a
 * sweep without a move it goes to the next step size. Only strict improvements are accepted, so `toEig ≥ fromEig`. Raw
 * coordinates: the design itself for a `box` space (moves clipped into it), the logit for a
 * `sigmoid` space (a step h moves a time t by ≈ h·t·(1 − t/24) h on (0, 24)).
 * Stops after `maxEvaluations` scored designs. Returns `undefined` when `score` gives none.
 * @param design `[dim]`; @param steps raw step sizes, e.g. `[0.2, 0.1, 0.05, 0.02]`.
 */
export function polishDesign(
  step: number,
  design: readonly number[],
  space: DesignSpace,
  score: (design: readonly number[]) => number | undefined,
  steps: readonly number[],
  maxEvaluations: number,
): PolishRecord | undefined {
  const fromEig = score(design);
  if (fromEig === undefined) return undefined;
  let raw = space.toRaw(design);
  let best = { d: [...design], v: fromEig };
  let evaluations = 1;
  let moves = 0;
  const toDesign = (r: number[]): number[] =>
    space.transform === 'box' ? r.map((v) => Math.min(space.upper, Math.max(space.lower, v))) : tf.tidy(() => Array.from(space.toDesign(tf.tensor1d(r)).dataSync()));
  for (const h of steps) {
    // Sweeps over the coordinates at this step size until one makes no move.
    for (let improved = true; improved && evaluations < maxEvaluations; ) {
      improved = false;
      for (let j = 0; j < raw.length; j++) {
        for (const s of [-h, h]) {
          if (evaluations >= maxEvaluations) break;
          const r = [...raw];
          r[j] = r[j]! + s;
          const d = toDesign(r);
          if (space.transform === 'box') r[j] = d[j]!;
          const v = score(d)!;
          evaluations++;
          if (v > best.v) {
            raw = r;
            best = { d, v };
            moves++;
            improved = true;
            break; // the first improving move of this coordinate is taken (opportunistic polling)
          }
        }
      }
    }
  }
  return { step, from: [...design], fromEig, to: best.d, toEig: best.v, accepted: moves > 0, moves, evaluations };
}
