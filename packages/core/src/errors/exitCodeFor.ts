import { BedError } from './BedError.js';

/**
 * Exit codes of the `infobed` CLI (specs/cli.md): 0 ok · 1 internal · 2 usage/config ·
 * 3 numerical (after saving the last good state) · 4 plugin ·
 * 130 interrupted (SIGINT/SIGTERM, after saving a checkpoint; 128 + SIGINT as shells report it).
 * `shapeMismatch` is 1, except while validating a plugin, where the loader raises `pluginLoad`.
 */
export const EXIT_CODES = { ok: 0, internal: 1, usage: 2, numerical: 3, plugin: 4, interrupted: 130 } as const;

export function exitCodeFor(error: unknown): number {
  if (!BedError.is(error)) return EXIT_CODES.internal;
  switch (error.kind) {
    case 'invalidConfig':
    case 'invalidArgument':
      return EXIT_CODES.usage;
    case 'numerical':
      return EXIT_CODES.numerical;
    case 'interrupted':
      return EXIT_CODES.interrupted;
    case 'unknownPlugin':
    case 'pluginLoad':
    case 'pluginError':
      return EXIT_CODES.plugin;
    default:
      return EXIT_CODES.internal;
  }
}
