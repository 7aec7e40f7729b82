import { mlpParams, type MemoryTerm } from '@infobed/core';
import type { MetaConfig } from './MetaConfigSchema.js';

/**
 * Estimated peak memory of `infobed meta` from its config: the learner's weights with Adam moments
 * and gradients (`metaflo.hidden`, `metaflo.embedDim`, `metaflo.critic.*`, `maml.hidden`), the
 * per-episode activations (`training.tasksPerEpisode`) and the test set (`evaluation.tasks` × queries).
 */
export function metaMemoryTerms(c: MetaConfig): MemoryTerm[] {
  const m = c.metaflo;
  const points = c.training.tasksPerEpisode * (c.training.supportShots + c.training.queryPoints);
  const sum = (w: readonly number[]) => w.reduce((a, x) => a + x, 0);
  const maml = c.method === 'maml' || c.method === 'fomaml';
  const terms: MemoryTerm[] = maml
    ? [
        { field: 'maml.hidden', bytes: 4 * 4 * mlpParams(1, c.maml.hidden, 1) * Math.max(1, c.training.tasksPerEpisode), formula: 'weights tiled per task × 4' },
        { field: 'training.tasksPerEpisode', bytes: 4 * 8 * points * sum(c.maml.hidden), formula: 'points × Σ hidden × 8 floats' },
      ]
    : [
        { field: 'metaflo.hidden', bytes: 4 * 4 * (mlpParams(2, m.hidden, m.embedDim) + mlpParams(1 + m.embedDim, m.hidden, 1)), formula: 'encoder and regressor weights × 4 (value, m, v, gradient)' },
        { field: 'metaflo.critic.hidden', bytes: 4 * 4 * 2 * mlpParams(m.embedDim, m.critic.hidden, m.critic.embed), formula: 'critic towers × 4' },
        { field: 'metaflo.hidden', bytes: 4 * 8 * points * sum(m.hidden), formula: 'episode points × Σ hidden × 8 floats' },
        { field: 'metaflo.critic.hidden', bytes: 4 * 8 * points * sum(m.critic.hidden), formula: 'episode points × Σ critic hidden × 8 floats' },
        { field: 'training.tasksPerEpisode', bytes: 4 * 8 * points * c.training.tasksPerEpisode, formula: 'points × tasks × 8 floats (score matrix)' },
      ];
  terms.push({ field: 'evaluation.tasks', bytes: 4 * 4 * c.evaluation.tasks * (c.evaluation.queries + Math.max(...c.evaluation.shots)), formula: 'test tasks × (queries + shots) × 4 floats' });
  return terms;
}
