import { expect } from 'vitest';

/**
 * Golden tolerance (golden/README.md): scalars `|a − e| ≤ rtol·max(1, |e|)`; arrays
 * `max|a − e| ≤ rtol·max(1, max|e|)`. Float32 backends use rtol 1e-4.
 */
export function expectClose(actual: number | ArrayLike<number>, expected: number | readonly number[], rtol = 1e-4, what = 'value'): void {
  const a = typeof actual === 'number' ? [actual] : Array.from(actual);
  const e = typeof expected === 'number' ? [expected] : [...expected];
  expect(a.length, `${what}: length`).toBe(e.length);
  const scale = Math.max(1, ...e.map(Math.abs));
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - e[i]!));
  expect(worst, `${what}: max |actual − expected| = ${worst} exceeds ${rtol}·${scale}`).toBeLessThanOrEqual(rtol * scale);
}
