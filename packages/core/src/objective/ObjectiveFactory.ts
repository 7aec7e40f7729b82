import type { AuxKind, MiObjective, ObjectiveType } from './MiObjective.js';

/** A critic id and its options, as in a config's `critic:` block. */
export interface CriticChoice {
  readonly id: string;
  readonly options?: Readonly<Record<string, unknown>>;
}

/**
 * What an estimator plugin binds under `TOKENS.ObjectiveFactory`: an id, what it reports, and a
 * constructor from validated options. `create` throws `BedError('invalidConfig', …)` naming the
 * option when the options are wrong (the caller prefixes the config path).
 */
export interface ObjectiveFactory {
  readonly id: string;
  /** One line for `infobed plugins list`. */
  readonly description: string;
  readonly type: ObjectiveType;
  /** What `mi` means in results: its own bound, another bound, or the plug-in estimate. */
  readonly reports: 'bound' | 'other-bound' | 'plug-in';
  readonly aux?: AuxKind;
  /**
   * Set (to the reason) when the objective exponentiates scores and so trains poorly or overflows
   * float32 with an unbounded critic; hosts then warn unless the critic declares `boundedScores`.
   */
  readonly needsBoundedScores?: string;
  /**
   * The critic this objective is meant to train with, used when the user names none for it
   * (e.g. FLO → its paper's `shared` critic). Hosts resolve it with `criticFor`.
   */
  readonly defaultCritic?: CriticChoice;
  create(options: Readonly<Record<string, unknown>>): MiObjective;
}
