import { criticMemoryTerms, type CriticChoice, type MemoryTerm } from '@infobed/core';
import type { EstimateSettings } from './EstimateSettings.js';

/**
 * Estimated peak memory of `infobed estimate` from its settings (before any training):
 * the objectives train one at a time, so this is the largest of their critics' training steps
 * (`criticMemoryTerms`: `[B, B]` scores blamed on `estimate.batch`, weights on the critic's
 * `hidden` / `embed`, inputs on `estimate.dim`). An objective's critic is its own `critic:`, else
 * `defaultCritic(id)` (the objective plugin's declared default, e.g. FLO → `shared`, known once the
 * plugins are loaded), else `estimate.critic`. Task families size their inputs themselves: with
 * `tasks`, dim is not counted.
 */
export function estimateMemoryTerms(s: EstimateSettings, defaultCritic: (objectiveId: string) => CriticChoice | undefined = () => undefined): MemoryTerm[] {
  const dim = s.tasks ? 1 : s.dim;
  const entries = s.objectives.map((o, i) => {
    const own = o.critic ?? defaultCritic(o.id);
    return own
      ? criticMemoryTerms({ id: own.id, options: own.options ?? {} }, dim, s.batch, { batch: 'estimate.batch', options: `estimate.objectives.${i}.critic.options`, inDim: 'estimate.dim' })
      : criticMemoryTerms(s.critic, dim, s.batch, { batch: 'estimate.batch', options: 'estimate.critic.options', inDim: 'estimate.dim' });
  });
  const total = (t: readonly MemoryTerm[]) => t.reduce((a, x) => a + x.bytes, 0);
  return entries.reduce((a, t) => (total(t) > total(a) || !Number.isFinite(total(t)) ? t : a));
}
