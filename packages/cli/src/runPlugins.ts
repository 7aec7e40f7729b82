import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BedError, readYaml } from '@infobed/core';
import type { RunOrigin } from './resumeOptions.js';

/**
 * The third-party plugins a finished run was trained with, for commands that reopen it (`policy
 * evaluate`, `policy next`): the `plugins:` of `<run>/config.resolved.yaml`, resolved from the
 * folder of the config it started from (`checkpoint/run.json` → `pluginBaseDir`; the run folder
 * when that file is absent). A folder without the config gives no plugins (the loader then says
 * what is missing).
 */
export function runPlugins(runDir: string): { specs: string[]; baseDir: string; where: string } {
  const cfg = join(runDir, 'config.resolved.yaml');
  if (!existsSync(cfg)) return { specs: [], baseDir: runDir, where: cfg };
  const plugins = readYaml(cfg).plugins ?? [];
  if (!Array.isArray(plugins) || !plugins.every((p) => typeof p === 'string' && p.length > 0)) {
    throw new BedError('invalidConfig', `${cfg}: plugins: expected a list of plugin paths or package names, got ${JSON.stringify(plugins)}`);
  }
  let baseDir = runDir;
  const origin = join(runDir, 'checkpoint', 'run.json');
  if (existsSync(origin)) {
    try {
      const o = JSON.parse(readFileSync(origin, 'utf8')) as Partial<RunOrigin>;
      if (typeof o.pluginBaseDir === 'string' && existsSync(o.pluginBaseDir)) baseDir = o.pluginBaseDir;
    } catch {
      // An unreadable run.json only loses the base folder: plugins resolve from the run folder.
    }
  }
  return { specs: plugins as string[], baseDir, where: cfg };
}
