import * as tf from '@tensorflow/tfjs';
import { BedError, PluginHost, selectBackend } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import plugin from './index.js';
import { SharedCritic } from './SharedCritic.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const spec = { xDim: 2, yDim: 3, options: { hidden: [8, 8] }, seed: 5 };

describe('SharedCritic (FLO paper: one joint network, score and u heads)', () => {
  it('gives [B, B] scores from head 0 and, for FLO, u on the positive pairs from head 1 of the same network', () => {
    const c = new SharedCritic({ ...spec, aux: 'positivePair' });
    const x = tf.randomNormal([4, 2], 0, 1, 'float32', 1) as tf.Tensor2D;
    const y = tf.randomNormal([4, 3], 0, 1, 'float32', 2) as tf.Tensor2D;
    const { scores, aux } = c.scores(x, y);
    expect(scores.shape).toEqual([4, 4]);
    expect(aux!.shape).toEqual([4]);
    // Brute force: score and u of pair (i, j) are the two outputs of one MLP on [x_i, y_j].
    const xs = x.arraySync();
    const ys = y.arraySync();
    const vars = c.variables.map((v) => v.arraySync());
    const [w1x, w1y, w2, w3] = [0, 1, 3, 5].map((k) => vars[k] as number[][]) as [number[][], number[][], number[][], number[][]];
    const [b1, b2, b3] = [2, 4, 6].map((k) => vars[k] as number[]) as [number[], number[], number[]];
    const mlp = (xi: number[], yj: number[]): number[] => {
      const relu = (v: number[]) => v.map((e) => Math.max(0, e));
      const lin = (h: number[], w: number[][], b: number[]) => b.map((bk, k) => bk + h.reduce((s, hv, i) => s + hv * w[i]![k]!, 0));
      const h1 = relu(b1.map((bk, k) => bk + xi.reduce((s, v, i) => s + v * w1x[i]![k]!, 0) + yj.reduce((s, v, i) => s + v * w1y[i]![k]!, 0)));
      return lin(relu(lin(h1, w2, b2)), w3, b3);
    };
    const s = scores.arraySync();
    const u = aux!.arraySync();
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) expect(s[i]![j]!).toBeCloseTo(mlp(xs[i]!, ys[j]!)[0]!, 4);
      expect(u[i]!).toBeCloseTo(mlp(xs[i]!, ys[i]!)[1]!, 4);
    }
    const pairs = c.pairScores(x, y).arraySync();
    pairs.forEach((p, i) => expect(p).toBeCloseTo(s[i]![i]!, 4));
    c.dispose();
  });

  it("u: 'offset' reads u = head 1 − g on the positive pairs", () => {
    const x = tf.randomNormal([3, 2], 0, 1, 'float32', 3) as tf.Tensor2D;
    const y = tf.randomNormal([3, 3], 0, 1, 'float32', 4) as tf.Tensor2D;
    const direct = new SharedCritic({ ...spec, aux: 'positivePair' });
    const offset = new SharedCritic({ ...spec, aux: 'positivePair', options: { ...spec.options, u: 'offset' } });
    const a = direct.scores(x, y);
    const b = offset.scores(x, y);
    const g = tf.sum(tf.mul(a.scores, tf.eye(3)), 1).arraySync() as number[];
    const ua = a.aux!.arraySync();
    b.aux!.arraySync().forEach((ub, i) => expect(ub).toBeCloseTo(ua[i]! - g[i]!, 4));
    expect(b.scores.arraySync()).toEqual(a.scores.arraySync());
    direct.dispose();
    offset.dispose();
  });

  it('trains every variable through both heads and leaks no tensors', () => {
    const before = tf.memory().numTensors;
    const c = new SharedCritic({ ...spec, aux: 'positivePair' });
    const x = tf.randomNormal([3, 2]) as tf.Tensor2D;
    const y = tf.randomNormal([3, 3]) as tf.Tensor2D;
    const mid = tf.memory().numTensors;
    const { grads, value } = tf.variableGrads(() => {
      const b = c.scores(x, y);
      return tf.add(tf.sum(b.scores), tf.sum(b.aux!)) as tf.Scalar;
    }, c.variables);
    expect(Object.keys(grads).length).toBe(c.variables.length);
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(mid);
    tf.dispose([x, y]);
    c.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names a bad option, and is registered as "shared" by the critics plugin', () => {
    let err: unknown;
    try {
      new SharedCritic({ ...spec, options: { hidden: [] } });
    } catch (e) {
      err = e;
    }
    expect(BedError.is(err, 'invalidConfig')).toBe(true);
    expect((err as Error).message).toMatch(/^critic\.options\.hidden: .*\(critic "shared"\)/);
    const host = new PluginHost();
    host.use(plugin);
    expect(host.critic('shared').id).toBe('shared');
  });
});
