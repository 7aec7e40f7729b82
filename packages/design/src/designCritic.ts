import { criticFor, isPlainObject, type CriticSource, type ObjectiveFactory } from '@infobed/core';
import type { DesignConfig } from './DesignConfigSchema.js';

const idOf = (block: unknown): string | undefined => (isPlainObject(block) && typeof block.id === 'string' ? block.id : undefined);

/**
 * Whether a design config's `critic` was chosen for the objective that runs: a `critic` override
 * (`--critic`) always is; the critic of the file (or its preset) is, unless an override switched to
 * another objective id (`--objective flo` over a config written for `infonce-anchor`: that critic
 * was picked for the other objective and becomes a fallback). A config with no `critic` names none.
 */
export function isCriticNamed(raw: Record<string, unknown>, preset: string | undefined, overrides: Record<string, unknown>): boolean {
  if (overrides.critic !== undefined) return true;
  const chosen = preset !== undefined && isPlainObject(raw.presets) && isPlainObject(raw.presets[preset]) ? raw.presets[preset] : {};
  if (raw.critic === undefined && chosen.critic === undefined) return false;
  const fileObjective = idOf(chosen.objective) ?? idOf(raw.objective) ?? 'infonce-anchor';
  const flagObjective = idOf(overrides.objective);
  return flagObjective === undefined || flagObjective === fileObjective;
}

/**
 * The critic a design run trains with, resolved as `infobed estimate` does (`criticFor`): a critic
 * named for the objective, else the objective's declared default (FLO → `shared`), else the
 * config's critic as a fallback.
 */
export function designCritic(c: DesignConfig, objective: Pick<ObjectiveFactory, 'defaultCritic'>): { readonly id: string; readonly options: Readonly<Record<string, unknown>>; readonly source: CriticSource } {
  return criticFor(objective, c.criticNamed === false ? undefined : c.critic, c.critic);
}
