import { Rng } from '@infobed/core';

/** Independent random streams of one meta-learning run. */
export interface MetaStreams {
  /** Training episodes. */
  readonly train: Rng;
  /** The fixed validation tasks. */
  readonly validation: Rng;
  /** Model initialisation and stochastic embeddings (TF.js seeds). */
  readonly model: Rng;
  /** The fixed test set: derived from `testSeed` only, so every method and training seed sees the same tasks. */
  readonly test: Rng;
}

/**
 * Splits a run's generator into train / validation / model streams (`rng.fork`) and derives the
 * test stream from `testSeed` alone (specs/meta-learning.md §4: fixed test seed, independent of
 * training and validation).
 */
export function metaStreams(rng: Rng, testSeed = 0): MetaStreams {
  return {
    train: rng.fork('meta/train'),
    validation: rng.fork('meta/validation'),
    model: rng.fork('meta/model'),
    test: new Rng(testSeed).fork('meta/test'),
  };
}
