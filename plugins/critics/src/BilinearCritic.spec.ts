import * as tf from '@tensorflow/tfjs';
import { BedError, PluginHost, selectBackend } from '@infobed/core';
import { expectClose, golden } from '@infobed/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { BilinearCritic } from './BilinearCritic.js';
import { bilinearScores, capLogScale, unitRows } from './bilinearScores.js';
import plugin from './index.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** InfoNCE loss `−mean_i(S_ii − LSE_j S_ij) − log B`. */
const infoNceLoss = (s: tf.Tensor2D): tf.Scalar =>
  tf.sub(tf.neg(tf.mean(tf.sub(tf.sum(tf.mul(s, tf.eye(s.shape[0])), 1), tf.logSumExp(s, 1)))), Math.log(s.shape[0])) as tf.Scalar;

describe('bilinearScores (golden bilinear_critic)', () => {
  const ref = golden().bilinear_critic;
  it('matches S, the InfoNCE loss, dL/dfx and dL/dlogβ = −τ·dL/dτ', () => {
    const fx = tf.tensor2d(ref.fx);
    const fy = tf.tensor2d(ref.fy);
    const logBeta = tf.scalar(-Math.log(ref.tau));
    const f = (a: tf.Tensor, lb: tf.Tensor) => infoNceLoss(bilinearScores(unitRows(a as tf.Tensor2D), unitRows(fy), lb as tf.Scalar));
    expectClose(bilinearScores(unitRows(fx), unitRows(fy), logBeta).dataSync(), ref.S.flat(), 1e-4, 'S');
    expectClose(f(fx, logBeta).dataSync()[0]!, ref.infonce_loss, 1e-4, 'loss');
    const [gfx, glb] = tf.grads(f)([fx, logBeta]);
    expectClose(gfx!.dataSync(), ref.grad_fx.flat(), 1e-4, 'grad_fx');
    expectClose(glb!.dataSync()[0]!, -ref.tau * ref.grad_tau, 1e-4, 'grad_logBeta');
  });

  it('caps log β with a gradient that can only push it back inside', () => {
    const over = tf.scalar(5);
    const under = tf.scalar(1);
    expect(capLogScale(over, 3).dataSync()[0]).toBe(3);
    const g = (x: tf.Scalar, sign: number) => tf.grad((v: tf.Tensor) => tf.mul(capLogScale(v as tf.Scalar, 3), sign))(x).dataSync()[0];
    expect(g(under, 2)).toBe(2);
    expect(g(over, 2)).toBe(2); // descent lowers log β: allowed
    expect(g(over, -2)).toBe(0); // descent would raise it further: blocked
  });
});

describe('BilinearCritic', () => {
  const spec = { xDim: 3, yDim: 2, options: { hidden: [16] }, seed: 11 };

  it('bounds |S| by β ≤ betaMax and |u| by uMax, and its diagonal equals pairScores', () => {
    const c = new BilinearCritic({ ...spec, aux: 'positivePair', options: { hidden: [16], tau0: 0.1, betaMax: 12, uMax: 2 } });
    const x = tf.mul(tf.randomNormal([6, 3], 0, 1, 'float32', 1), 100) as tf.Tensor2D;
    const y = tf.mul(tf.randomNormal([6, 2], 0, 1, 'float32', 2), 100) as tf.Tensor2D;
    const { scores, aux } = c.scores(x, y);
    const s = scores.arraySync();
    expect(c.beta).toBeCloseTo(10, 4);
    expect(Math.max(...s.flat().map(Math.abs))).toBeLessThanOrEqual(10 + 1e-4);
    expect(Math.max(...Array.from(aux!.dataSync()).map(Math.abs))).toBeLessThanOrEqual(2);
    const pairs = c.pairScores(x, y).arraySync();
    s.forEach((row, i) => expect(pairs[i]).toBeCloseTo(row[i]!, 4));
    c.logBeta.assign(tf.scalar(Math.log(50)));
    expect(c.beta).toBe(12);
    const capped = c.scores(x, y).scores.arraySync().flat();
    expect(Math.max(...capped.map(Math.abs))).toBeLessThanOrEqual(12 + 1e-3);
    c.dispose();
  });

  it('trains every variable, including log β, and leaks no tensors', () => {
    const before = tf.memory().numTensors;
    const c = new BilinearCritic({ ...spec, aux: 'rowBaseline' });
    const x = tf.randomNormal([4, 3]) as tf.Tensor2D;
    const y = tf.randomNormal([4, 2]) as tf.Tensor2D;
    const mid = tf.memory().numTensors;
    const { grads, value } = tf.variableGrads(() => {
      const b = c.scores(x, y);
      return tf.add(infoNceLoss(b.scores), tf.sum(b.aux!)) as tf.Scalar;
    }, c.variables);
    expect(Object.keys(grads).length).toBe(c.variables.length);
    expect(c.variables).toContain(c.logBeta);
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(mid);
    tf.dispose([x, y]);
    c.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects options that would allow FLO to overflow, naming the field', () => {
    let err: unknown;
    try {
      new BilinearCritic({ ...spec, options: { betaMax: 30, uMax: 40 } });
    } catch (e) {
      err = e;
    }
    expect(BedError.is(err, 'invalidConfig')).toBe(true);
    expect((err as Error).message).toMatch(/critic\.options\.uMax/);
    expect(() => new BilinearCritic({ ...spec, options: { tau0: -1 } })).toThrow(/critic\.options\.tau0/);
  });

  it('is registered as "bilinear" by the critics plugin', () => {
    const host = new PluginHost();
    host.use(plugin);
    expect(host.critic('bilinear').id).toBe('bilinear');
  });
});
