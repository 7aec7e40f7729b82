import { describe, expect, it } from 'vitest';
import { loadNativeGemm } from './loadNativeGemm.js';
import { relErr } from './relErr.js';
import { defaultThreads } from './useNativeGemm.js';

/** Deterministic N(0, 1)-ish values (sum of uniforms) from a small LCG: no Math.random. */
function fill(a: Float32Array, seed: number): Float32Array {
  let s = seed >>> 0;
  const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (let i = 0; i < a.length; i++) a[i] = u() + u() + u() - 1.5;
  return a;
}

/** Lays out float32 arrays one after another in one ArrayBuffer; returns it and the byte offsets. */
function heap(...parts: Float32Array[]): { buf: ArrayBuffer; off: number[]; view: (i: number) => Float32Array } {
  const off: number[] = [];
  let n = 0;
  for (const p of parts) {
    off.push(4 * n);
    n += p.length;
  }
  const all = new Float32Array(n);
  parts.forEach((p, i) => all.set(p, off[i]! / 4));
  return { buf: all.buffer, off, view: (i) => new Float32Array(all.buffer, off[i]!, parts[i]!.length) };
}


const step = (v: number): number => (v > 0 ? 1 : 0);
const g = loadNativeGemm();

describe.runIf(g !== undefined)('native kernels with two threads (direct calls on an ArrayBuffer)', () => {
  // [m, k, n]: small-m path (m ≤ 144) with two depth blocks; large-m path with few row blocks
  // (column groups split across threads) and with many row blocks and an edge column panel.
  const cases: [number, number, number][] = [[64, 520, 512], [256, 300, 512], [1000, 40, 70]];
  for (const [m, k, n] of cases)
    for (const [ta, tb] of [[false, false], [true, false], [false, true]] as const)
      it(`gemm m=${m} k=${k} n=${n} transposeA=${ta} transposeB=${tb}, bias + ReLU epilogue: equals float64 within 1e-5`, () => {
        const a = fill(new Float32Array(m * k), m + k);
        const b = fill(new Float32Array(k * n), n);
        const bias = fill(new Float32Array(n), 3);
        const h = heap(a, b, bias, new Float32Array(m * n));
        g!.gemm(h.buf, h.off[0]!, h.off[1]!, h.off[3]!, 1, m, n, k, ta ? 1 : 0, tb ? 1 : 0, 0, 0, 2, h.off[2]!, 1);
        const ref = new Float64Array(m * n);
        for (let i = 0; i < m; i++)
          for (let j = 0; j < n; j++) {
            let s = bias[j]!;
            for (let q = 0; q < k; q++) s += a[ta ? q * m + i : i * k + q]! * b[tb ? j * k + q : q * n + j]!;
            ref[i * n + j] = Math.max(0, s);
          }
        expect(relErr(h.view(3), ref)).toBeLessThan(1e-5);
        expect(ref.some((v) => v === 0) && ref.some((v) => v > 0)).toBe(true);
      });

  for (const [n, inDim, outDim] of [[64, 512, 512], [300, 20, 256]] as const)
    it(`denseGrad n=${n} in=${inDim} out=${outDim}: dx, dW, db with the ReLU mask equal float64 within 1e-5`, () => {
      const dy = fill(new Float32Array(n * outDim), 7);
      const y = fill(new Float32Array(n * outDim), 8); // only its sign matters (the mask)
      const x = fill(new Float32Array(n * inDim), 9);
      const w = fill(new Float32Array(inDim * outDim), 10);
      const h = heap(dy, y, x, w, new Float32Array(n * inDim), new Float32Array(inDim * outDim), new Float32Array(outDim));
      g!.denseGrad(h.buf, h.off[0]!, h.off[1]!, h.off[3]!, h.off[4]!, 0, n, inDim, outDim, 2);
      g!.denseGrad(h.buf, h.off[0]!, h.off[1]!, h.off[2]!, h.off[5]!, 1, n, inDim, outDim, 2);
      g!.denseGrad(h.buf, h.off[0]!, h.off[1]!, 0, h.off[6]!, 2, n, inDim, outDim, 2);
      const dz = dy.map((v, i) => v * step(y[i]!));
      const dx = new Float64Array(n * inDim);
      const dw = new Float64Array(inDim * outDim);
      const db = new Float64Array(outDim);
      for (let i = 0; i < n; i++)
        for (let o = 0; o < outDim; o++) {
          const z = dz[i * outDim + o]!;
          db[o]! += z;
          for (let p = 0; p < inDim; p++) {
            dx[i * inDim + p]! += z * w[p * outDim + o]!;
            dw[p * outDim + o]! += x[i * inDim + p]! * z;
          }
        }
      expect(relErr(h.view(4), dx)).toBeLessThan(1e-5);
      expect(relErr(h.view(5), dw)).toBeLessThan(1e-5);
      expect(relErr(h.view(6), db)).toBeLessThan(1e-5);
      // linear layer: no mask (yOff −1) gives the plain product
      g!.denseGrad(h.buf, h.off[0]!, -1, 0, h.off[6]!, 2, n, inDim, outDim, 2);
      const db0 = new Float64Array(outDim);
      for (let i = 0; i < n * outDim; i++) db0[i % outDim]! += dy[i]!;
      expect(relErr(h.view(6), db0)).toBeLessThan(1e-5);
    });

  it('rejects operands outside the heap', () => {
    const h = heap(new Float32Array(16));
    expect(() => g!.denseGrad(h.buf, 0, -1, 0, 0, 1, 4, 4, 8, 1)).toThrow(/outside the heap/);
    expect(() => g!.gemm(h.buf, 0, 0, 0, 1, 8, 8, 8, 0, 0, 0, 0, 2)).toThrow(/outside the heap/);
  });
});

describe('defaultThreads', () => {
  it('honours INFOBED_GEMM_THREADS, uses 1 under vitest, else every available core whatever the load', () => {
    expect(defaultThreads({ INFOBED_GEMM_THREADS: '3', VITEST: 'true' })).toBe(3);
    expect(defaultThreads({ VITEST: 'true' }, 8)).toBe(1);
    expect(defaultThreads({ INFOBED_GEMM_THREADS: 'x', VITEST: 'true' })).toBe(1);
    expect(defaultThreads({ INFOBED_GEMM_THREADS: '0' }, 2)).toBe(2);
    expect(defaultThreads({}, 2)).toBe(2);
    expect(defaultThreads({}, 16)).toBe(16);
    expect(defaultThreads({ INFOBED_GEMM_THREADS: '1' }, 16)).toBe(1);
  });
});
