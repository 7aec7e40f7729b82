import { criticMemoryTerms, type MemoryTerm } from '@infobed/core';
import type { EstimateSettings } from './EstimateSettings.js';

/**
 * Estimated peak memory of `infobed estimate` from its settings alone (before any plugin runs):
 * the objectives train one at a time, so this is the largest of their critics' training steps
 * (`criticMemoryTerms`: `[B, B]` scores blamed on `estimate.batch`, weights on the critic's
 * `hidden` / `embed`, inputs on `estimate.dim`). An objective's own `critic:` is used when given,
 * else `estimate.critic` (a plugin's declared default critic is not known before loading it).
 * Task families size their inputs themselves: with `tasks`, dim is not counted.
 */
export function estimateMemoryTerms(s: EstimateSettings): MemoryTerm[] {
  const dim = s.tasks ? 1 : s.dim;
  const entries = s.objectives.map((o, i) =>
    o.critic
      ? criticMemoryTerms(o.critic, dim, s.batch, { batch: 'estimate.batch', options: `estimate.objectives.${i}.critic.options`, inDim: 'estimate.dim' })
      : criticMemoryTerms(s.critic, dim, s.batch, { batch: 'estimate.batch', options: 'estimate.critic.options', inDim: 'estimate.dim' }),
  );
  const total = (t: readonly MemoryTerm[]) => t.reduce((a, x) => a + x.bytes, 0);
  return entries.reduce((a, t) => (total(t) > total(a) || !Number.isFinite(total(t)) ? t : a));
}
