import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ExampleNwjObjective } from './ExampleNwjObjective.js';

/** Plain float64 NWJ, written independently of the tensor code. */
function nwjReference(s: number[][]): number {
  const b = s.length;
  let diag = 0;
  let off = 0;
  for (let i = 0; i < b; i++) {
    for (let j = 0; j < b; j++) {
      if (i === j) diag += s[i]![j]!;
      else off += Math.exp(s[i]![j]! - 1);
    }
  }
  return diag / b - off / (b * (b - 1));
}

describe('ExampleNwjObjective', () => {
  it('equals the NWJ formula and its gradient', async () => {
    await tf.setBackend('cpu');
    const s = [[2, 0.1, -0.3], [0.4, 1.5, 0.2], [-1, 0.3, 2.5]];
    const o = new ExampleNwjObjective();
    const out = o.evaluate({ scores: tf.tensor2d(s) });
    expect(out.mi.dataSync()[0]).toBeCloseTo(nwjReference(s), 5);
    const g = tf.grad((x: tf.Tensor) => o.evaluate({ scores: x as tf.Tensor2D }).loss)(tf.tensor2d(s)).arraySync() as number[][];
    expect(g[0]![0]).toBeCloseTo(-1 / 3, 5); // dL/dS_ii = −1/B
    expect(g[0]![1]).toBeCloseTo(Math.exp(0.1 - 1) / 6, 5); // dL/dS_ij = e^{S_ij−1}/(B(B−1))
  });

  it('rejects a non-square score matrix naming itself', () => {
    expect(() => new ExampleNwjObjective().evaluate({ scores: tf.zeros([2, 3]) as tf.Tensor2D })).toThrow(/example-nwj/);
  });
});
