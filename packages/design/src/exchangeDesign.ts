import type { Rng } from '@infobed/core';
import type { EigEstimate, EvaluateSection } from './EigEstimate.js';
import type { JumpRecord } from './jumpHooks.js';

/** One exchange check of `design.exchangeAt`, as recorded in `result.json` (`exchanges`); `to` is the best candidate. */
export interface ExchangeRecord extends JumpRecord {
  readonly candidates: number;
}

/**
 * Candidate designs of one exchange check: every design made by moving one coordinate onto
 * another's value (d_i := d_j, i ≠ j), without duplicates or the design itself. This is the
 * "merge two support points" move of optimal design theory (an optimal design of a p-parameter
 * model needs few distinct points, so replicated times are common — PK's best static design
 * samples twice at ≈ 0.4 h and twice at ≈ 20 h); gradient ascent cannot make it, because the
 * objective between two such designs is lower (PK: a local optimum 0.08–0.12 nats below).
 * @param design `[dim]` @returns `[k][dim]`
 */
export function exchangeCandidates(design: readonly number[]): number[][] {
  const seen = new Set<string>([JSON.stringify(design)]);
  const out: number[][] = [];
  design.forEach((_, i) =>
    design.forEach((dj, j) => {
      if (i === j) return;
      const c = [...design];
      c[i] = dj;
      const key = JSON.stringify(c);
      if (seen.has(key)) return;
      seen.add(key);
      out.push(c);
    }),
  );
  return out;
}

/**
 * One exchange check: scores the current design and every `exchangeCandidates` design by the
 * independent EIG on common random numbers (one `rng`, forked the same way for each), and
 * proposes the best candidate when it beats the current design on those draws.
 */
export function exchangeCheck(
  step: number,
  design: readonly number[],
  score: (design: readonly number[], settings: EvaluateSection, rng: Rng) => EigEstimate | undefined,
  evaluate: EvaluateSection,
  rng: Rng,
): ExchangeRecord | undefined {
  const value = (d: readonly number[]): number | undefined => score(d, evaluate, rng.fork(`exchange-${step}`))?.value;
  const fromEig = value(design);
  if (fromEig === undefined) return undefined;
  const candidates = exchangeCandidates(design);
  let best: { d: number[]; v: number } | undefined;
  for (const d of candidates) {
    const v = value(d)!;
    if (best === undefined || v > best.v) best = { d, v };
  }
  if (best === undefined) return undefined;
  return { step, from: [...design], fromEig, to: best.d, toEig: best.v, accepted: best.v > fromEig, candidates: candidates.length };
}
