import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseObserved } from './infer.js';

const dir = mkdtempSync(join(tmpdir(), 'infobed-observed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseObserved (--observed)', () => {
  it('reads a JSON array, a .json file, a .csv file with a header line, and inline CSV', () => {
    writeFileSync(join(dir, 'y.json'), '[1.5, -2, 3e-1]\n');
    writeFileSync(join(dir, 'y.csv'), 't1,t2,t3\n1.5,-2,0.3\n');
    expect(parseObserved('[1.5, -2, 0.3]', dir)).toEqual([1.5, -2, 0.3]);
    expect(parseObserved('y.json', dir)).toEqual([1.5, -2, 0.3]);
    expect(parseObserved(join(dir, 'y.csv'), '/')).toEqual([1.5, -2, 0.3]);
    expect(parseObserved('1.5,-2,0.3', dir)).toEqual([1.5, -2, 0.3]);
  });

  it('names the flag and the problem: a missing file, bad JSON, non-numbers', () => {
    expect(() => parseObserved('missing.csv', dir)).toThrow(/^--observed: no such file: missing\.csv$/);
    expect(() => parseObserved('runs/x/y.json', dir)).toThrow(/^--observed: no such file: runs\/x\/y\.json$/);
    expect(() => parseObserved('[1, 2', dir)).toThrow(/^--observed: not valid JSON/);
    expect(() => parseObserved('[1, "a"]', dir)).toThrow(/^--observed: expected an array of finite numbers/);
    expect(() => parseObserved('a,b', dir)).toThrow(/^--observed: expected a JSON array or a CSV with one row of numbers, got 0 numeric rows/);
  });
});
