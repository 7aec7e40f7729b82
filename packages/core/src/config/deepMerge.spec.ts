import { describe, expect, it } from 'vitest';
import { deepMerge } from './deepMerge.js';

describe(deepMerge, () => {
  it('merges nested objects key by key; arrays and scalars replace; inputs are not mutated', () => {
    const base = { a: 1, nested: { keep: 'x', over: 2, deep: { z: [1, 2, 3] } }, list: [1, 2] };
    const over = { nested: { over: 5, deep: { z: [9] }, added: true }, list: [7], b: null };
    const snapshot = JSON.stringify(base);
    expect(deepMerge(base, over)).toEqual({ a: 1, nested: { keep: 'x', over: 5, deep: { z: [9] }, added: true }, list: [7], b: null });
    expect(JSON.stringify(base)).toBe(snapshot);
  });

  it('an object replaces a scalar or an array, and a scalar replaces an object', () => {
    expect(deepMerge({ a: 3, b: [1], c: { x: 1 } }, { a: { y: 1 }, b: { y: 2 }, c: 0 })).toEqual({ a: { y: 1 }, b: { y: 2 }, c: 0 });
  });
});
