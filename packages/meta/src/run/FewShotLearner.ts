import type { Rng, SavedTensor } from '@infobed/core';
import { MamlLearner } from '../maml/MamlLearner.js';
import { MetaFloLearner } from '../metaflo/MetaFloLearner.js';
import type { SineEpisode, SupportQuery } from '../SineFamily.js';
import type { MetaConfig, MetaMethod } from './MetaConfigSchema.js';

/** What `runMeta` needs from a method. */
export interface FewShotLearner {
  readonly method: MetaMethod;
  readonly parameterCount: number;
  /** One meta-training episode; `loss` = the training loss (query MSE), `mi` = Î_FLO when there is a critic. */
  trainStep(episode: SupportQuery): { readonly loss: number; readonly mi?: number };
  /**
   * Query predictions `[T·Q]` per adaptation step: Meta-FLO / CNP one entry (a forward pass);
   * MAML `maxSteps + 1` entries (0…maxSteps inner SGD steps).
   */
  predict(support: SineEpisode, query: SineEpisode, maxSteps: number): Float32Array[];
  /** Weights, optimiser moments and the learner's own random stream, for a checkpoint. */
  exportState(): { scalars: unknown; tensors: Record<string, SavedTensor> };
  importState(scalars: unknown, tensors: Readonly<Record<string, SavedTensor>>): void;
  dispose(): void;
}

/** Builds the learner of `config.method` (`cnp` = Meta-FLO with λ = 0, `fomaml` = first-order MAML). */
export function makeLearner(config: MetaConfig, rng: Rng): FewShotLearner {
  const method = config.method;
  if (method === 'metaflo' || method === 'cnp') {
    const m = new MetaFloLearner({ ...config.metaflo, lambda: method === 'cnp' ? 0 : config.metaflo.lambda }, rng);
    return {
      method,
      parameterCount: m.model.parameterCount,
      trainStep: (ep) => {
        const s = m.trainStep(ep);
        return { loss: s.mse, mi: s.mi };
      },
      predict: (support, query) => [m.predict(support, query)],
      exportState: () => m.exportState(),
      importState: (sc, t) => m.importState(sc as Parameters<MetaFloLearner['importState']>[0], t),
      dispose: () => m.dispose(),
    };
  }
  const m = new MamlLearner({ ...config.maml, firstOrder: method === 'fomaml', seed: rng.int(1_000_000) });
  return {
    method,
    parameterCount: m.parameterCount,
    trainStep: (ep) => ({ loss: m.trainStep(ep) }),
    predict: (support, query, maxSteps) => m.adaptAndPredict(support, query, maxSteps),
    exportState: () => m.exportState(),
    importState: (sc, t) => m.importState(sc as Parameters<MamlLearner['importState']>[0], t),
    dispose: () => m.dispose(),
  };
}
