import * as tf from '@tensorflow/tfjs';
import { BedError, DesignSpace, selectBackend, type Policy, type PolicySpec } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { POLICY_FACTORIES } from './module.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const plane = new DesignSpace({ dim: 2, lower: -10, upper: 10, transform: 'box' });
const times = new DesignSpace({ dim: 1, lower: 0, upper: 24, transform: 'sigmoid', units: 'h' });
const spec = (options: Record<string, unknown> = {}, over: Partial<PolicySpec> = {}): PolicySpec => ({ designDim: 2, obsDim: 1, T: 4, designSpace: plane, options, seed: 7, ...over });
const make = (id: string, s: PolicySpec): Policy => POLICY_FACTORIES.find((f) => f.id === id)!.create(s);

/** Designs `[n, d]` after feeding the history steps in the given order. */
function after(p: Policy, steps: [number[], number][], n = 1): number[][] {
  return tf.tidy(() => {
    let st = p.initial(n);
    steps.forEach(([x, y], t) => {
      st = p.observe(st, tf.tile(tf.tensor2d([x]), [n, 1]), tf.fill([n, 1], y) as tf.Tensor2D, t);
    });
    return p.propose(st, steps.length).arraySync();
  });
}

describe('policies', () => {
  it('every policy emits [n, d] designs and leaks no tensors', () => {
    for (const f of POLICY_FACTORIES) {
      const s = f.id === 'equal-interval' ? spec({}, { designDim: 1, designSpace: times }) : spec();
      const p = f.create(s);
      const before = tf.memory().numTensors;
      const out = after(p, [[[0.5, 0.5].slice(0, s.designDim), 1]] as [number[], number][], 3);
      expect(tf.memory().numTensors).toBe(before);
      expect([out.length, out[0]!.length]).toEqual([3, s.designDim]);
      expect(out.flat().every(Number.isFinite)).toBe(true);
      expect(f.adaptive).toBe(f.id === 'deepsets' || f.id === 'gru' || f.id === 'lstm');
      p.dispose();
    }
  });

  it('DeepSets is invariant to the order of the history; the GRU is not', () => {
    const h: [number[], number][] = [[[1, 0], 0.5], [[-1, 2], 3], [[0, -2], -1]];
    const rev = [...h].reverse();
    const ds = make('deepsets', spec());
    const a = after(ds, h)[0]!;
    const b = after(ds, rev)[0]!;
    a.forEach((v, i) => expect(b[i]!).toBeCloseTo(v, 5));
    const gru = make('gru', spec());
    const c = after(gru, h)[0]!;
    const d = after(gru, rev)[0]!;
    expect(Math.max(...c.map((v, i) => Math.abs(v - d[i]!)))).toBeGreaterThan(1e-4);
    const lstm = make('lstm', spec());
    const l1 = after(lstm, h)[0]!;
    const l2 = after(lstm, rev)[0]!;
    expect(Math.max(...l1.map((v, i) => Math.abs(v - l2[i]!)))).toBeGreaterThan(1e-4);
    lstm.dispose();
    // Adaptive: a different observation gives a different next design.
    const e = after(ds, [[[1, 0], 5]])[0]!;
    const f = after(ds, [[[1, 0], -5]])[0]!;
    expect(Math.max(...e.map((v, i) => Math.abs(v - f[i]!)))).toBeGreaterThan(1e-4);
    ds.dispose();
    gru.dispose();
  });

  it('gru layers: 1 layer keeps the single-layer variables (saved runs load); 2 × 64 (FLO) stacks a second GRU fed by the first', () => {
    const one = make('gru', spec());
    const two = make('gru', spec({ layers: 2, width: 64 }));
    // encoder (2 Dense), GRU layer (3 Dense), emitter (2 Dense): weights and biases.
    expect(one.variables.map((v) => v.shape)).toEqual([[3, 64], [64], [64, 32], [32], [32, 192], [192], [64, 128], [128], [64, 64], [64], [64, 64], [64], [64, 2], [2]]);
    const shapes = two.variables.map((v) => v.shape);
    expect(shapes).toHaveLength(one.variables.length + 6);
    expect(shapes.slice(10, 16)).toEqual([[64, 192], [192], [64, 128], [128], [64, 64], [64]]); // layer 2 reads layer 1's h
    const st = two.initial(3);
    expect(Object.keys(st)).toEqual(['h', 'h1']);
    tf.dispose(Object.values(st));
    // Same seed, same first layer: the second layer changes the designs.
    const h: [number[], number][] = [[[1, 0], 0.5], [[-1, 2], 3]];
    const a = after(one, h)[0]!;
    const b = after(two, h)[0]!;
    expect(Math.max(...a.map((v, i) => Math.abs(v - b[i]!)))).toBeGreaterThan(1e-4);
    one.dispose();
    two.dispose();
  });

  it('baselines: equal-interval times, reproducible random draws, static designs from options', () => {
    const eq = make('equal-interval', spec({ from: 0.0833, to: 23.9 }, { designDim: 1, designSpace: times, T: 5 }));
    const designs = [0, 1, 2, 3, 4].map((t) => tf.tidy(() => times.toDesign(eq.propose(eq.initial(1), t)).dataSync()[0]!));
    [0.0833, 6.037, 11.99, 17.95, 23.9].forEach((v, t) => expect(designs[t]!).toBeCloseTo(v, 2));
    const r1 = after(make('random', spec()), [], 4);
    const r2 = after(make('random', spec()), [], 4);
    expect(r1).toEqual(r2); // same seed, same draws
    expect(new Set(r1.map((r) => r[0])).size).toBe(4); // independent across rollouts
    const st = make('static', spec({ initial: [[1, 2], [3, 4], [5, 6], [7, 8]] }));
    expect(tf.tidy(() => st.propose(st.initial(2), 2).arraySync())).toEqual([[5, 6], [5, 6]]);
    expect(st.variables).toHaveLength(1);
    st.dispose();
  });

  it('bad options are config errors naming the field', () => {
    const cases: [string, PolicySpec, RegExp][] = [
      ['deepsets', spec({ encoding: 0 }), /policy\.options\.encoding/],
      ['static', spec({ initial: [[1, 2]] }), /policy\.options\.initial: expected 4 designs/],
      ['static', spec({ initial: [[1, 2], [3, 4], [5, 60], [7, 8]] }), /initial\[2\]\[1\]: 60 is outside/],
      ['equal-interval', spec(), /needs 1-D designs/],
      ['random', spec({ scale: -1 }), /policy\.options\.scale/],
      ['gru', spec({ layers: 0 }), /policy\.options\.layers/],
    ];
    for (const [id, s, re] of cases) {
      try {
        make(id, s);
        expect.unreachable(id);
      } catch (e) {
        expect(BedError.is(e), String(e)).toBe(true);
        expect((e as Error).message).toMatch(re);
      }
    }
  });
});
