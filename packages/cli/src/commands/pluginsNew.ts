import { resolve } from 'node:path';
import { Command } from 'commander';
import type { CliIo } from '../CliIo.js';
import { emitResult } from '../emit.js';
import { scaffoldPlugin } from '../scaffold/scaffoldPlugin.js';

interface NewFlags {
  readonly dir?: string;
  readonly core?: string;
  readonly json: boolean;
}

/** `infobed plugins new <estimator|simulator|critic> <id> [--dir d] [--core tgz]`: a plugin package to start from. */
export function makePluginsNewCommand(io: CliIo): Command {
  return new Command('new')
    .description('write a new plugin package (option schema, ground-truth test, README, packed @infobed/core) to build outside this repository')
    .argument('<kind>', 'estimator, simulator or critic')
    .argument('<id>', 'kebab-case id, e.g. my-bound')
    .option('--dir <folder>', 'where to write it, outside this repository (default ./infobed-plugin-<id>; pnpm infobed runs from the clone root, so give an absolute path); must not exist or be empty')
    .option('--core <tarball>', 'an @infobed/core tarball to use instead of packing this clone\'s')
    .option('--json', 'print exactly one JSON document on stdout', false)
    .action((kind: string, id: string, f: NewFlags) => {
      const dir = resolve(io.cwd, f.dir ?? `infobed-plugin-${id}`);
      const r = scaffoldPlugin({ kind, id, dir, ...(f.core ? { coreTarball: resolve(io.cwd, f.core) } : {}) });
      emitResult(
        io,
        f.json,
        r,
        [
          `wrote ${r.package} (${kind} "${id}") to ${r.dir}:`,
          ...r.files.map((x) => `  ${x}`),
          'next:',
          `  cd ${r.dir} && npm install && npm test`,
          `  npx -y pnpm@10.34.9 infobed design --config ${r.dir}/example.yaml   (from this clone; see its README.md)`,
        ].join('\n'),
      );
    });
}
