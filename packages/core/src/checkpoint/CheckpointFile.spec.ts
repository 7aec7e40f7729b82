import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BedError } from '../errors/BedError.js';
import { Rng } from '../rng/Rng.js';
import { readCheckpoint, writeCheckpoint } from './CheckpointFile.js';

const dir = mkdtempSync(join(tmpdir(), 'infobed-ckpt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('checkpoint files', () => {
  it('round-trip the JSON state and float32 / int32 tensors bit for bit', () => {
    const w = new Float32Array([Math.fround(Math.PI), -0, 1e-38, 3.4e38, Math.fround(1 / 3), 7]);
    const file = join(dir, 'sub', 'a.ibck');
    writeCheckpoint(file, { kind: 'design', step: 42, state: { history: [{ step: 10, bound: 1.25 }], name: 'x' }, tensors: { 'critic/0': { dtype: 'float32', shape: [2, 3], data: w }, n: { dtype: 'int32', shape: [1], data: new Int32Array([-5]) } } });
    const c = readCheckpoint(file, 'design');
    expect(c.step).toBe(42);
    expect(c.state).toEqual({ history: [{ step: 10, bound: 1.25 }], name: 'x' });
    expect(c.tensors['critic/0']!.shape).toEqual([2, 3]);
    expect(Buffer.from(c.tensors['critic/0']!.data.buffer).equals(Buffer.from(w.buffer))).toBe(true);
    expect(Array.from(c.tensors.n!.data)).toEqual([-5]);
  });

  it('refuse another kind, a truncated file and a foreign file with invalidArgument naming the file', () => {
    const file = join(dir, 'b.ibck');
    writeCheckpoint(file, { kind: 'meta', step: 1, state: {}, tensors: { w: { dtype: 'float32', shape: [4], data: new Float32Array(4) } } });
    expect(() => readCheckpoint(file, 'design')).toThrow(/b\.ibck is not a usable checkpoint \(it is a meta checkpoint, this is a design run\)/);
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 3));
    expect(() => readCheckpoint(file)).toThrow(/tensor w truncated/);
    writeFileSync(file, 'hello: world\n');
    try {
      readCheckpoint(file);
      expect.unreachable();
    } catch (e) {
      expect(BedError.is(e, 'invalidArgument')).toBe(true);
      expect((e as Error).message).toMatch(/b\.ibck is not a usable checkpoint \(wrong magic bytes\)/);
    }
    expect(() => readCheckpoint(join(dir, 'none.ibck'))).toThrow(/no checkpoint at .*none\.ibck \(ENOENT\)/);
  });
});

describe('Rng.state / Rng.restore', () => {
  it('continue the stream exactly, including a cached normal', () => {
    const a = new Rng(7);
    for (let i = 0; i < 1000; i++) a.uniform();
    a.normal(); // leaves a spare normal cached
    const s = JSON.parse(JSON.stringify(a.state()));
    const b = Rng.restore(s);
    const c = new Rng(7);
    c.restoreFrom(s);
    const draw = (r: Rng) => [r.normal(), r.nextSeed(), r.uniform(), r.int(1000), r.normal(), r.normal()];
    const expected = draw(a);
    expect(draw(b)).toEqual(expected);
    expect(draw(c)).toEqual(expected);
    expect(() => new Rng(8).restoreFrom(s)).toThrow(/state of seed 7, generator of seed 8/);
  });
});
