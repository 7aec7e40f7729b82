import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockRunFolder } from './runFolder.js';

const fresh = (): string => join(mkdtempSync(join(tmpdir(), 'infobed-runfolder-')), 'run');
const origin = (dir: string): void => {
  mkdirSync(join(dir, 'checkpoint'), { recursive: true });
  writeFileSync(join(dir, 'checkpoint', 'run.json'), '{}\n');
};

describe(lockRunFolder, () => {
  it('removes a folder it created when the run left only checkpoint/run.json (failed before any work)', () => {
    const f = lockRunFolder(fresh(), '/');
    origin(f.dir);
    f.release();
    expect(existsSync(f.dir)).toBe(false);
  });

  it('keeps the folder once anything else is in it: a checkpoint, a result', () => {
    for (const file of [join('checkpoint', 'state.ibck'), 'result.json']) {
      const f = lockRunFolder(fresh(), '/');
      origin(f.dir);
      writeFileSync(join(f.dir, file), 'x');
      f.release();
      expect(existsSync(join(f.dir, file)), file).toBe(true);
      expect(existsSync(join(f.dir, '.infobed.lock'))).toBe(false);
    }
  });

  it('never removes a folder that existed before (a user-made --out)', () => {
    const dir = fresh();
    mkdirSync(dir);
    const f = lockRunFolder(dir, '/');
    origin(f.dir);
    f.release();
    expect(existsSync(join(dir, 'checkpoint', 'run.json'))).toBe(true);
  });
});
