import { readFileSync, statSync } from 'node:fs';
import { parse } from 'yaml';
import { BedError } from '../errors/BedError.js';
import { isPlainObject } from './deepMerge.js';

/** Largest config file read (bytes). Shipped configs are under 5 KB; YAML parsing grows steeply with size (5 MB took 160 s). */
export const MAX_CONFIG_BYTES = 256 * 1024;

/** Reads a YAML file into a plain object; `invalidConfig` naming the file on a read or syntax error, or when it is over `MAX_CONFIG_BYTES`. */
export function readYaml(file: string): Record<string, unknown> {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_CONFIG_BYTES) {
      throw new BedError('invalidConfig', `${file}: the config file is ${(size / 1024).toFixed(0)} KiB, over the ${MAX_CONFIG_BYTES / 1024} KiB limit; a config holds settings, not data`);
    }
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    if (BedError.is(cause)) throw cause;
    throw new BedError('invalidConfig', `${file}: cannot read the config file (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message})`, { cause });
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (cause) {
    throw new BedError('invalidConfig', `${file}: not valid YAML: ${(cause as Error).message.split('\n')[0]}`, { cause });
  }
  if (!isPlainObject(doc)) throw new BedError('invalidConfig', `${file}: expected a YAML mapping at the top level`);
  return doc;
}
