import { Container, type ContainerModule } from 'inversify';
import { loadModules } from '../di/loadModules.js';
import { TOKENS } from '../di/tokens.js';
import type { PluginProvides } from './InfobedPlugin.js';

interface HasId {
  readonly id: string;
}

const KINDS = [
  ['estimators', TOKENS.ObjectiveFactory],
  ['simulators', TOKENS.SimulatorFactory],
  ['critics', TOKENS.CriticFactory],
  ['tasks', TOKENS.TaskFactory],
  ['policies', TOKENS.PolicyFactory],
] as const;

/**
 * Loads `module` into a throw-away container and returns the ids it binds, by kind (kinds with
 * no binding are omitted; ids keep binding order). Used to check a plugin's `provides`.
 */
export function boundIds(module: ContainerModule): PluginProvides {
  const probe = new Container();
  loadModules(probe, module);
  const out: Record<string, string[]> = {};
  for (const [kind, token] of KINDS) {
    const ids = probe.getAll<HasId>(token, { optional: true }).map((f) => f.id);
    if (ids.length > 0) out[kind] = ids;
  }
  return out;
}
