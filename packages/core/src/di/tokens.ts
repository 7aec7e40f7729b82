/**
 * Service identifiers. `Symbol.for`, so two copies of core in one process still agree.
 * Plugins bind factories under these tokens (unnamed, so `getAll` lists every one).
 */
export const TOKENS = {
  /** `ObjectiveFactory`: one per estimator id. */
  ObjectiveFactory: Symbol.for('@infobed/core/ObjectiveFactory'),
  /** `CriticFactory`: one per critic id. */
  CriticFactory: Symbol.for('@infobed/core/CriticFactory'),
  /** `TaskFactory`: one per benchmark task family (MI estimation with a known truth). */
  TaskFactory: Symbol.for('@infobed/core/TaskFactory'),
  /** `SimulatorFactory`: one per simulator id. */
  SimulatorFactory: Symbol.for('@infobed/core/SimulatorFactory'),
  /** `PolicyFactory`: one per adaptive-design policy id. */
  PolicyFactory: Symbol.for('@infobed/core/PolicyFactory'),
  /** `DesignOptimiser`: the outer loop (bound by the design package). */
  DesignOptimiser: Symbol.for('@infobed/core/DesignOptimiser'),
  /** `ProgressReporter`: where long loops report; tests bind `silentProgress`. */
  Progress: Symbol.for('@infobed/core/ProgressReporter'),
} as const;
