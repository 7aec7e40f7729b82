import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadRun, nextDesign, parseHistory } from '@infobed/adaptive';
import { Command } from 'commander';
import { bootstrap } from '../../bootstrap.js';
import { runPlugins } from '../../runPlugins.js';
import type { CliIo } from '../../CliIo.js';
import { emitResult } from '../../emit.js';
import { addGlobalOptions, type GlobalOptions } from '../../globalOptions.js';

interface NextFlags extends GlobalOptions {
  readonly run: string;
  readonly history: string;
}

/** `infobed policy next`: the next design given the measurements so far (what a lab calls between measurements). */
export function makePolicyNextCommand(io: CliIo): Command {
  return addGlobalOptions(new Command('next'))
    .description('print the next design of a trained policy given the history so far')
    .requiredOption('--run <dir>', 'a `policy train` run folder')
    .requiredOption('--history <json|file>', '{"designs": [[…], …], "observations": [[…], …]} (inline JSON or a file); [] / {} for the first design')
    .action(async (f: NextFlags) => {
      const runDir = resolve(io.cwd, f.run);
      const s = await bootstrap(io, { ...f, quiet: true }, f.backend ?? 'auto', runPlugins(runDir));
      const t0 = performance.now();
      const run = loadRun(s.host, runDir);
      try {
        const loadMs = performance.now() - t0;
        const arg = f.history.trim();
        const path = resolve(io.cwd, arg);
        const text = !arg.startsWith('{') && !arg.startsWith('[') && existsSync(path) ? readFileSync(path, 'utf8') : arg;
        const normalised = text.trim() === '[]' || text.trim() === '{}' ? '{"designs": [], "observations": []}' : text;
        const next = nextDesign(run.policy, run.seq, parseHistory(normalised, run.seq));
        const result = { ...next, loadMs: Math.round(loadMs * 10) / 10, policy: run.policy.id, simulator: run.seq.id, T: run.seq.T };
        emitResult(io, f.json, result, `next design (measurement ${next.t} of ${run.seq.T}): [${next.design.map((d) => d.toFixed(4)).join(', ')}]  (${next.latencyMs} ms; run loaded in ${result.loadMs} ms)`);
      } finally {
        run.dispose();
      }
    });
}
