import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { BedError } from '../errors/BedError.js';
import { isPlainObject } from './deepMerge.js';

/** Reads a YAML file into a plain object; `invalidConfig` naming the file on a read or syntax error. */
export function readYaml(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
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
