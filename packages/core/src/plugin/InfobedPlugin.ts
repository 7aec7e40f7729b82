import type { ContainerModule } from 'inversify';
import * as z from 'zod';

/** Ids a plugin provides, by kind. The same object appears in its package.json `"infobed"` manifest. */
export interface PluginProvides {
  readonly estimators?: readonly string[];
  readonly simulators?: readonly string[];
  readonly critics?: readonly string[];
  readonly policies?: readonly string[];
  /** Benchmark task families (`TOKENS.TaskFactory`). */
  readonly tasks?: readonly string[];
}

/**
 * The default export of every plugin package. `module` only calls `bind` on
 * `TOKENS.ObjectiveFactory`, `TOKENS.SimulatorFactory`, `TOKENS.CriticFactory`,
 * `TOKENS.TaskFactory` or `TOKENS.PolicyFactory`.
 */
export interface InfobedPlugin {
  readonly meta: { readonly name: string; readonly version: string; readonly apiVersion: 1 };
  readonly provides: PluginProvides;
  readonly module: ContainerModule;
}

/** The plugin API version this core speaks. */
export const PLUGIN_API_VERSION = 1;

const ID = z.string().regex(/^[a-z][a-z0-9-]*$/, 'ids are kebab-case: lower-case letters, digits and dashes');

export const PluginProvidesSchema = z
  .object({ estimators: z.array(ID).optional(), simulators: z.array(ID).optional(), critics: z.array(ID).optional(), tasks: z.array(ID).optional(), policies: z.array(ID).optional() })
  .strict();

/** Validates a plugin's default export (duck-typed `module`: two copies of inversify may coexist). */
export const InfobedPluginSchema = z.object({
  meta: z.object({
    name: z.string().min(1),
    version: z.string().min(1),
    apiVersion: z.literal(PLUGIN_API_VERSION),
  }),
  provides: PluginProvidesSchema,
  module: z.custom<ContainerModule>(
    (m) => typeof m === 'object' && m !== null && typeof (m as { load?: unknown }).load === 'function',
    'module must be an inversify ContainerModule',
  ),
});
