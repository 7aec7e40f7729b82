import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BedError } from '@infobed/core';

/** The pnpm the README uses (corepack is not assumed). */
export const PNPM = ['-y', 'pnpm@10.34.9'] as const;

/**
 * Packs the host's `@infobed/core` (folder `coreDir`, a workspace package of an InfoBED clone)
 * into `dest` with `pnpm pack` (its `prepack` builds JavaScript + .d.ts into dist/) and returns the
 * tarball's file name.
 * @throws BedError('invalidArgument') when packing fails (e.g. core is not a workspace folder).
 */
export function packCore(coreDir: string, dest: string): string {
  const version = (JSON.parse(readFileSync(join(coreDir, 'package.json'), 'utf8')) as { version: string }).version;
  const r = spawnSync('npx', [...PNPM, 'pack', '--pack-destination', dest], { cwd: coreDir, encoding: 'utf8' });
  const file = `infobed-core-${version}.tgz`;
  if (r.status !== 0 || !existsSync(join(dest, file))) {
    throw new BedError(
      'invalidArgument',
      `plugins new: packing @infobed/core in ${coreDir} failed (${(r.stderr || r.stdout || String(r.error)).trim().split('\n').slice(-3).join(' ')}); pack it yourself (cd packages/core && npx -y pnpm@10.34.9 pack) and pass --core <tarball>`,
    );
  }
  return file;
}
