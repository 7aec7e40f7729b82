import type { MemoryTerm } from './memoryBudget.js';

/** Floats per score-matrix entry at the peak of a training step (measured: RSS 2.4 GB at B = 4096, separable, InfoNCE-anchor). */
export const SCORE_FLOATS = 32;
/** Floats per (pair, hidden unit) of a joint critic: activation, pre-activation, gradient, temporaries. */
export const JOINT_FLOATS = 4;

const num = (v: unknown, d: number): number => (typeof v === 'number' ? v : d);
const widths = (v: unknown, d: number[]): number[] => (Array.isArray(v) && v.every((x) => typeof x === 'number') ? (v as number[]) : d);

/** Where each size of a critic training step comes from in the config. */
export interface CriticMemoryFields {
  /** The batch field (`design.batch`, `estimate.batch`). */
  readonly batch: string;
  /** Prefix of the critic's options (`critic.options`, `estimate.critic.options`). */
  readonly options: string;
  /** The field sizing the inputs; when given, first-layer weights and inputs are blamed on it, else on `<options>.hidden`. */
  readonly inDim?: string;
}

/**
 * Estimated peak memory of training a first-party MLP critic (`separable`, `joint`, … with
 * `hidden` / `embed` options) on `[B, inDim]` inputs: the `[B, B]` score matrices, a joint critic's
 * per-pair activations, weights with Adam moments and gradient, and per-batch activations.
 */
export function criticMemoryTerms(critic: { readonly id: string; readonly options: Readonly<Record<string, unknown>> }, inDim: number, batch: number, f: CriticMemoryFields): MemoryTerm[] {
  const b = batch;
  const hidden = widths(critic.options.hidden, [64, 64]);
  const embed = num(critic.options.embed, 32);
  const joint = critic.id === 'joint' || critic.id === 'shared'; // one network over all B² pairs (FLO's shared critic too)
  const towers = joint ? 1 : 2;
  const sumHidden = hidden.reduce((a, h) => a + h, 0);
  const terms: MemoryTerm[] = [{ field: f.batch, bytes: 4 * SCORE_FLOATS * b * b, formula: `B² × ${SCORE_FLOATS} floats with B = ${b}` }];
  if (joint) terms.push({ field: f.batch, bytes: 4 * JOINT_FLOATS * b * b * sumHidden, formula: `B² pairs × Σ ${f.options}.hidden (${sumHidden}) × ${JOINT_FLOATS} floats with B = ${b}` });
  const first = inDim * (hidden[0] ?? 0);
  const inner = hidden.slice(1).reduce((a, h, i) => a + h * hidden[i]!, 0) + (f.inDim ? 0 : first);
  terms.push({ field: `${f.options}.hidden`, bytes: 4 * 4 * towers * inner + 4 * 4 * b * sumHidden * towers, formula: `weights × 4 (value, Adam m and v, gradient) + B × Σ hidden activations` });
  if (f.inDim) terms.push({ field: f.inDim, bytes: 4 * 4 * towers * (first + b * inDim), formula: `first-layer weights × 4 + B × ${inDim} inputs` });
  if (!joint) terms.push({ field: `${f.options}.embed`, bytes: 4 * 4 * towers * ((hidden.at(-1) ?? inDim) * embed + b * embed), formula: `last hidden × embed weights × 4 + B × embed` });
  return terms;
}
