import type { CriticChoice, ObjectiveFactory } from '../objective/ObjectiveFactory.js';

/** Where the critic of a run came from (recorded in results). */
export type CriticSource = 'named' | 'objective-default' | 'fallback';

/**
 * The critic an objective trains with: the one the user named for it, else the objective's own
 * `defaultCritic` (FLO → `shared`), else the host's `fallback` (e.g. a config's general `critic:`).
 */
export function criticFor(
  objective: Pick<ObjectiveFactory, 'defaultCritic'>,
  named: CriticChoice | undefined,
  fallback: CriticChoice,
): { readonly id: string; readonly options: Readonly<Record<string, unknown>>; readonly source: CriticSource } {
  const [choice, source]: [CriticChoice, CriticSource] =
    named !== undefined ? [named, 'named'] : objective.defaultCritic !== undefined ? [objective.defaultCritic, 'objective-default'] : [fallback, 'fallback'];
  return { id: choice.id, options: choice.options ?? {}, source };
}
