import { BACKEND_PREFERENCES } from '@infobed/core';
import { Command } from 'commander';
import type { CliIo } from '../CliIo.js';
import { emitResult } from '../emit.js';
import { addGlobalOptions, type GlobalOptions } from '../globalOptions.js';
import { probeBackends } from '../probeBackends.js';

/** `infobed backends`: which TF.js backends load here and which `auto` picks. */
export function makeBackendsCommand(io: CliIo): Command {
  return addGlobalOptions(new Command('backends'))
    .description('show which TF.js backends load here and which `auto` picks')
    .action(async (g: GlobalOptions) => {
      const doc = await probeBackends();
      const human = [
        ...doc.backends.map((b) => `${b.ok ? '✓' : '✗'} ${b.name.padEnd(28)} ${b.ok ? 'loads' : b.error ?? ''}`),
        `auto → ${doc.auto}   (choices: ${BACKEND_PREFERENCES.join(', ')})`,
      ].join('\n');
      emitResult(io, g.json, doc, human);
    });
}
