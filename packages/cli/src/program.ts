import { BedError } from '@infobed/core';
import { makeEigEvaluator } from '@infobed/evaluate';
import { Command, CommanderError } from 'commander';
import type { CliIo } from './CliIo.js';
import { makeBackendsCommand } from './commands/backends.js';
import { makeDesignCommand } from './commands/design.js';
import { makeEstimateCommand } from './commands/estimate.js';
import { makeEvaluateCommand } from './commands/evaluate.js';
import { makeMetaCommand } from './commands/meta.js';
import { makeInferCommand } from './commands/infer.js';
import { makePluginsCommand } from './commands/pluginsList.js';
import { makeCollectCommand } from './commands/collect.js';
import { makeSweepCommand } from './commands/sweep.js';
import { makeWorkerCommand } from './commands/worker.js';
import { makePolicyCommand } from './commands/policy.js';
import { emitError } from './emit.js';
import { installInterruptHandlers } from './signals.js';

/** The `infobed` program: one subcommand per file in `commands/`. */
export function makeProgram(io: CliIo): Command {
  const program = new Command('infobed')
    .description('Bayesian experimental design and MI estimation with neural mutual-information bounds')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s), outputError: () => undefined });
  for (const cmd of [makeDesignCommand(io, { evaluateEig: makeEigEvaluator() }), makeEvaluateCommand(io), makeEstimateCommand(io), makePluginsCommand(io), makeBackendsCommand(io), makeMetaCommand(io), makeInferCommand(io), makeSweepCommand(io), makeCollectCommand(io), makeWorkerCommand(io), makePolicyCommand(io)]) program.addCommand(cmd);
  const exitOverride = (c: Command): void => {
    c.exitOverride();
    c.configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s), outputError: () => undefined });
    c.commands.forEach(exitOverride);
  };
  exitOverride(program);
  return program;
}

/**
 * Runs the CLI on `argv` (without the node and script entries) and returns the exit code
 * (specs/cli.md: 0 ok · 1 internal · 2 usage/config · 3 numerical · 4 plugin · 130 interrupted).
 * SIGINT / SIGTERM during a run: a checkpoint, one line on stderr (and the `--json` error document
 * with kind `interrupted`), exit 130. `watchParent`: treat the parent's death as SIGHUP (bin.ts).
 */
export async function runCli(argv: readonly string[], io: CliIo, o: { readonly watchParent?: boolean } = {}): Promise<number> {
  const json = argv.includes('--json');
  const uninstall = installInterruptHandlers({
    ...o,
    stopNow: (reason) => {
      emitError(io, json, new BedError('interrupted', `interrupted by ${reason} outside a checkpointed training loop; stopped at once (files are written atomically; result.json exists only for a finished run)`));
    },
  });
  try {
    await makeProgram(io).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      const msg = e.message.replace(/^error: /, '');
      return emitError(io, json, new BedError('invalidArgument', `${msg}`));
    }
    return emitError(io, json, e);
  } finally {
    uninstall();
  }
}
