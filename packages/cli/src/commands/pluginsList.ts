import { Command } from 'commander';
import { bootstrap } from '../bootstrap.js';
import type { CliIo } from '../CliIo.js';
import { emitResult } from '../emit.js';
import { addGlobalOptions, type GlobalOptions } from '../globalOptions.js';
import { makePluginsNewCommand } from './pluginsNew.js';

/** `infobed plugins list`: every registered estimator, simulator, critic and benchmark task with its package. */
export function makePluginsCommand(io: CliIo): Command {
  const list = addGlobalOptions(new Command('list'))
    .description('list registered estimators, simulators, critics, benchmark tasks and policies')
    .action(async (g: GlobalOptions) => {
      const s = await bootstrap(io, { ...g, quiet: true }, g.backend ?? 'auto');
      const doc = s.host.list();
      const describe = new Map<string, string>([
        ...s.host.objectives().map((f) => [`estimators:${f.id}`, `${f.description} [type ${f.type}, reports ${f.reports}]`] as const),
        ...s.host.simulators().map((f) => [`simulators:${f.id}`, f.description] as const),
        ...s.host.critics().map((f) => [`critics:${f.id}`, f.description] as const),
        ...s.host.tasks().map((f) => [`tasks:${f.id}`, f.description] as const),
        ...s.host.policies().map((f) => [`policies:${f.id}`, `${f.description}${f.adaptive ? '' : ' [non-adaptive]'}`] as const),
      ]);
      const human = (Object.keys(doc) as (keyof typeof doc)[])
        .map((k) => `${k}:\n${doc[k].map((r) => `  ${r.id.padEnd(16)} ${r.package}\n  ${''.padEnd(16)} ${describe.get(`${k}:${r.id}`) ?? ''}`).join('\n')}`)
        .join('\n');
      emitResult(io, g.json, doc, human);
    });
  return new Command('plugins').description('inspect plugins, or start a new one').addCommand(list).addCommand(makePluginsNewCommand(io));
}
