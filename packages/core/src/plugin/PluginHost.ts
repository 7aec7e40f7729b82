import { Container } from 'inversify';
import * as z from 'zod';
import type { CriticFactory } from '../critic/Critic.js';
import { loadModules } from '../di/loadModules.js';
import { TOKENS } from '../di/tokens.js';
import { BedError } from '../errors/BedError.js';
import type { ObjectiveFactory } from '../objective/ObjectiveFactory.js';
import type { PolicyFactory } from '../adaptive/Policy.js';
import type { SimulatorFactory } from '../simulator/Simulator.js';
import type { TaskFactory } from '../task/MiTask.js';
import { boundIds } from './boundIds.js';
import { guardPluginCode } from './guardPluginCode.js';
import { InfobedPluginSchema, type InfobedPlugin, type PluginProvides } from './InfobedPlugin.js';

type Kind = keyof PluginProvides;
const NOUN: Record<Kind, string> = { estimators: 'objective', simulators: 'simulator', critics: 'critic', tasks: 'task', policies: 'policy' };

/** One registered id and the package that provides it. */
export interface RegisteredId {
  readonly id: string;
  readonly package: string;
}

/** Where a component came from, for `result.json`: its id, package and version. */
export interface Provenance {
  readonly id: string;
  readonly package: string;
  readonly version: string;
  /** Loaded from outside InfoBED (`--plugin`, a config's `plugins:`). */
  readonly thirdParty: boolean;
}

/** How a plugin was loaded (for `config.resolved.yaml` and messages). */
export interface PluginOrigin {
  /** Third-party code: its throws are reported naming the plugin (`BedError('pluginError')`). */
  readonly thirdParty?: boolean;
  /** Absolute folder of the plugin's package (re-loadable from anywhere). */
  readonly root?: string;
}

interface Owner {
  readonly name: string;
  readonly version: string;
  readonly thirdParty: boolean;
}

/**
 * The DI container plus what each plugin provides. `use` validates a plugin (schema, `provides`
 * equal to what its module binds, no id taken twice) before loading it; the getters resolve
 * factories by id and list the alternatives on a miss.
 */
export class PluginHost {
  readonly container = new Container();
  private readonly owners = new Map<string, Owner>(); // `${kind}:${id}` → package
  private readonly roots: string[] = [];

  /** Validates and registers `candidate`; `source` (path or package name) is quoted in errors. */
  use(candidate: unknown, source: string = '(in-process)', origin: PluginOrigin = {}): InfobedPlugin {
    const parsed = InfobedPluginSchema.safeParse(candidate);
    if (!parsed.success) {
      throw new BedError('pluginLoad', `plugin ${source}: not a valid InfoBED plugin: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
    }
    const plugin = candidate as InfobedPlugin;
    const name = plugin.meta.name;
    let bound: PluginProvides;
    try {
      bound = boundIds(plugin.module);
    } catch (cause) {
      throw new BedError('pluginLoad', `plugin ${name} (${source}): its module failed to load: ${(cause as Error).message}`, { cause });
    }
    for (const kind of Object.keys(NOUN) as Kind[]) {
      const declared = [...(plugin.provides[kind] ?? [])].sort();
      const actual = [...(bound[kind] ?? [])].sort();
      if (declared.join(',') !== actual.join(',')) {
        throw new BedError(
          'pluginLoad',
          `plugin ${name} (${source}): provides.${kind} says [${declared.join(', ')}] but its module binds [${actual.join(', ')}]`,
        );
      }
      const seen = new Set<string>();
      for (const id of actual) {
        const owner = this.owners.get(`${kind}:${id}`);
        if (owner !== undefined || seen.has(id)) {
          throw new BedError('pluginLoad', `plugin ${name} (${source}): ${NOUN[kind]} id "${id}" is already registered by ${owner?.name ?? name}`);
        }
        seen.add(id);
      }
    }
    for (const kind of Object.keys(NOUN) as Kind[]) {
      for (const id of bound[kind] ?? []) this.owners.set(`${kind}:${id}`, { name, version: plugin.meta.version, thirdParty: origin.thirdParty === true });
    }
    loadModules(this.container, plugin.module);
    if (origin.root !== undefined && !this.roots.includes(origin.root)) this.roots.push(origin.root);
    return plugin;
  }

  objective(id: string): ObjectiveFactory {
    return this.find<ObjectiveFactory>('estimators', TOKENS.ObjectiveFactory, id);
  }

  simulator(id: string): SimulatorFactory {
    return this.find<SimulatorFactory>('simulators', TOKENS.SimulatorFactory, id);
  }

  critic(id: string): CriticFactory {
    return this.find<CriticFactory>('critics', TOKENS.CriticFactory, id);
  }

  task(id: string): TaskFactory {
    return this.find<TaskFactory>('tasks', TOKENS.TaskFactory, id);
  }

  policy(id: string): PolicyFactory {
    return this.find<PolicyFactory>('policies', TOKENS.PolicyFactory, id);
  }

  policies(): PolicyFactory[] {
    return this.container.getAll<PolicyFactory>(TOKENS.PolicyFactory, { optional: true });
  }

  objectives(): ObjectiveFactory[] {
    return this.container.getAll<ObjectiveFactory>(TOKENS.ObjectiveFactory, { optional: true });
  }

  simulators(): SimulatorFactory[] {
    return this.container.getAll<SimulatorFactory>(TOKENS.SimulatorFactory, { optional: true });
  }

  critics(): CriticFactory[] {
    return this.container.getAll<CriticFactory>(TOKENS.CriticFactory, { optional: true });
  }

  tasks(): TaskFactory[] {
    return this.container.getAll<TaskFactory>(TOKENS.TaskFactory, { optional: true });
  }

  /** Every registered id by kind, sorted, with its package (the `plugins list` document). */
  list(): Record<Kind, RegisteredId[]> {
    const out: Record<Kind, RegisteredId[]> = { estimators: [], simulators: [], critics: [], tasks: [], policies: [] };
    for (const [key, owner] of this.owners) {
      const [kind, id] = key.split(':') as [Kind, string];
      out[kind].push({ id, package: owner.name });
    }
    for (const k of Object.keys(out) as Kind[]) out[k].sort((a, b) => a.id.localeCompare(b.id));
    return out;
  }

  /** Package, version and origin of a registered id (`kind` as in `provides`). */
  provenance(kind: Kind, id: string): Provenance {
    const owner = this.owners.get(`${kind}:${id}`);
    if (owner === undefined) throw new BedError('unknownPlugin', `unknown ${NOUN[kind]} "${id}"`);
    return { id, package: owner.name, version: owner.version, thirdParty: owner.thirdParty };
  }

  /** Absolute folders of the third-party plugins loaded, in load order (what re-runs need). */
  pluginRoots(): string[] {
    return [...this.roots];
  }

  private find<T extends { id: string }>(kind: Kind, token: symbol, id: string): T {
    const all = this.container.getAll<T>(token, { optional: true });
    const hit = all.find((f) => f.id === id);
    if (hit === undefined) {
      const ids = all.map((f) => f.id).sort();
      throw new BedError('unknownPlugin', `unknown ${NOUN[kind]} "${id}"; available: ${ids.length ? ids.join(', ') : '(none registered)'}`);
    }
    const owner = this.owners.get(`${kind}:${id}`);
    if (owner?.thirdParty !== true) return hit;
    return guardPluginCode(hit, { package: owner.name, version: owner.version, what: `${NOUN[kind]} "${id}"` });
  }
}
