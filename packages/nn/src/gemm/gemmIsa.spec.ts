import { afterAll, describe, expect, it } from 'vitest';
import { loadNativeGemm } from './loadNativeGemm.js';

/** Deterministic values in [-1.5, 1.5) from a small LCG (no Math.random). */
function fill(n: number, seed: number): Float32Array {
  const a = new Float32Array(n);
  let s = seed >>> 0;
  const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (let i = 0; i < n; i++) a[i] = u() + u() + u() - 1.5;
  return a;
}

const g = loadNativeGemm();
const hasAvx512 = g !== undefined && (g.setIsa('auto'), g.isa() === 'avx512');

/** C = op(A)·op(B) + bias, ReLU, via the native GEMM with the given instruction set. */
function run(isa: 'avx2' | 'auto', m: number, k: number, n: number, ta: boolean, tb: boolean, threads: number, accBlocks: boolean): Float32Array {
  g!.setIsa(isa);
  const a = fill(m * k, m * 31 + k), b = fill(k * n, n * 17 + k), bias = fill(n, 5);
  const heap = new Float32Array(m * k + k * n + n + m * n);
  heap.set(a, 0);
  heap.set(b, m * k);
  heap.set(bias, m * k + k * n);
  const cOff = m * k + k * n + n;
  g!.gemm(heap.buffer, 0, 4 * m * k, 4 * cOff, 1, m, n, k, ta ? 1 : 0, tb ? 1 : 0, 0, 0, threads, accBlocks ? 4 * (m * k + k * n) : -1, accBlocks ? 1 : 0);
  return heap.slice(cOff);
}

describe.runIf(hasAvx512)('AVX-512 micro-kernel (this CPU has AVX-512F)', () => {
  afterAll(() => g!.setIsa('auto'));
  // Small-m path (m ≤ 144) and large-m path; edge rows (m mod 12 ∈ {1, 5, 7}), edge columns
  // (n mod 16 ≠ 0), two depth blocks (k > 256), every transpose, one and two threads.
  const cases: [number, number, number][] = [[64, 10, 512], [13, 300, 37], [7, 5, 16], [139, 520, 70], [256, 300, 512], [1000, 40, 70], [4096, 20, 33]];
  for (const [m, k, n] of cases)
    for (const [ta, tb] of [[false, false], [true, false], [false, true]] as const)
      it(`m=${m} k=${k} n=${n} transposeA=${ta} transposeB=${tb}: bit-identical to the AVX2 kernel, with and without bias + ReLU`, () => {
        for (const epi of [true, false])
          for (const threads of [1, 2]) {
            const ref = run('avx2', m, k, n, ta, tb, threads, epi);
            const wide = run('auto', m, k, n, ta, tb, threads, epi);
            expect(g!.isa()).toBe('avx512');
            expect(Buffer.from(wide.buffer).equals(Buffer.from(ref.buffer))).toBe(true);
            expect(ref.some((v) => v !== 0)).toBe(true);
          }
      });

  it('setIsa rejects an unknown name and INFOBED_GEMM_ISA-style switching is reported by isa()', () => {
    expect(g!.setIsa('sse' as 'avx2')).toBe(false);
    expect(g!.setIsa('avx2')).toBe(true);
    expect(g!.isa()).toBe('avx2');
    expect(g!.setIsa('auto')).toBe(true);
    expect(g!.isa()).toBe('avx512');
  });
});
