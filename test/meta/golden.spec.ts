import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GOLDEN_PATH } from '@infobed/testing';
import { describe, expect, it } from 'vitest';

const shared = fileURLToPath(new URL('../../../shared/golden/estimators.json', import.meta.url));

describe('vendored golden values', () => {
  it.runIf(existsSync(shared))('are byte-identical to ../shared/golden/estimators.json', () => {
    expect(readFileSync(GOLDEN_PATH).equals(readFileSync(shared))).toBe(true);
  });

  it('are present in the repository', () => {
    expect(existsSync(GOLDEN_PATH)).toBe(true);
  });
});
