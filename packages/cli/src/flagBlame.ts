import { BedError } from '@infobed/core';

/**
 * Runs `f`; an `invalidConfig` error about a field that a flag set (`--batch` → `design.batch`) is
 * rethrown as `invalidArgument` naming the flag instead of the config file
 * (`--batch: Too big: expected number to be <=8192 (got 100000)`).
 * @param flags field path → flag name, for the flags the user gave.
 */
export function blameFlags<T>(where: string, flags: Readonly<Record<string, string>>, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (!BedError.is(e, 'invalidConfig')) throw e;
    for (const [field, flag] of Object.entries(flags)) {
      const prefix = `${where}: ${field}`;
      if (e.message.startsWith(`${prefix}:`) || e.message.startsWith(`${prefix}.`) || e.message.startsWith(`${prefix}[`)) {
        throw new BedError('invalidArgument', `${flag}${e.message.slice(where.length + 2 + field.length)}`, { cause: e });
      }
    }
    throw e;
  }
}
