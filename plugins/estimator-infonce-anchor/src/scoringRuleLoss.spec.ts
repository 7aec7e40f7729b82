import * as tf from '@tensorflow/tfjs';
import { additiveMask, diagPart, selectBackend } from '@infobed/core';
import { expectClose, golden } from '@infobed/testing';
import { beforeAll, describe, it } from 'vitest';
import { parseAnchorOptions } from './anchorOptions.js';
import { InfoNceAnchorObjective } from './InfoNceAnchorObjective.js';
import { scoringRuleLoss, type ScoringRule } from './scoringRuleLoss.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** Test fixture only: the biased full-row construction the golden non-log keys use. */
function fullRow(rule: ScoringRule, s: tf.Tensor2D, nu: number): { loss: tf.Scalar; pos: tf.Scalar; anc: tf.Scalar } {
  const b = s.shape[0];
  const k = b - 1;
  const col = tf.fill([b, 1], Math.log(nu));
  const pos = tf.mean(scoringRuleLoss(rule, tf.concat([s, col], 1), diagPart(s))) as tf.Scalar;
  const anc = tf.mean(scoringRuleLoss(rule, tf.concat([tf.add(s, additiveMask(b, (i, j) => i !== j)), col], 1), tf.fill([b], Math.log(nu)))) as tf.Scalar;
  return { loss: tf.add(tf.mul(k / (k + nu), pos), tf.mul(nu / (k + nu), anc)) as tf.Scalar, pos, anc };
}

/** Plain float64 λ_z(softmax(l)) over one candidate set (−Infinity = masked). */
function rule64(rule: ScoringRule, l: number[], z: number): number {
  const m = Math.max(...l);
  const e = l.map((v) => Math.exp(v - m));
  const tot = e.reduce((a, v) => a + v, 0);
  const eta = e.map((v) => v / tot);
  if (rule === 'log') return -Math.log(eta[z]!);
  if (rule === 'brier') return eta.reduce((a, v) => a + v * v, 0) - 2 * eta[z]!;
  return -eta[z]! / Math.sqrt(eta.reduce((a, v) => a + v * v, 0));
}

/** Plain float64 anchor loss, `paper` or `exact-k` construction (index 0 = anchor column). */
function anchor64(rule: ScoringRule, s: number[][], nu: number, construction: 'paper' | 'exact-k'): number {
  const b = s.length;
  const k = b - 1;
  let joint = 0;
  let marg = 0;
  for (let i = 0; i < b; i++) {
    const drops = construction === 'paper' ? [(i - 1 + b) % b] : [...Array(b).keys()].filter((kk) => kk !== i);
    for (const drop of drops) {
      const l = [Math.log(nu), ...s[i]!.map((v, j) => (j === drop ? -Infinity : v))];
      joint += rule64(rule, l, i + 1) / drops.length;
    }
    marg += rule64(rule, [Math.log(nu), ...s[i]!.map((v, j) => (j === i ? -Infinity : v))], 0);
  }
  return (k / (k + nu)) * (joint / b) + (nu / (k + nu)) * (marg / b);
}

describe('scoringRuleLoss against golden full-row keys', () => {
  const g = golden();
  const keys: [string, ScoringRule][] = [
    ['brier_anchor_nu1', 'brier'],
    ['spherical_anchor_nu1', 'spherical'],
    ['infonce_anchor_log_nu1', 'log'],
  ];
  for (const [key, rule] of keys) {
    it.each(g.cases.map((c) => c.name))(`${key}: loss, positive/anchor terms and dL/dS on %s`, (name) => {
      const c = g.cases.find((x) => x.name === name)!;
      const ref = g.results[name]![key]!;
      const s = tf.tensor2d(c.S);
      const out = fullRow(rule, s, 1);
      expectClose(out.loss.dataSync()[0]!, ref.loss, 1e-4, 'loss');
      expectClose(out.pos.dataSync()[0]!, ref.extra!['positive_term'] as number, 1e-4, 'positive_term');
      expectClose(out.anc.dataSync()[0]!, ref.extra!['anchor_term'] as number, 1e-4, 'anchor_term');
      const grad = tf.grad((x: tf.Tensor) => fullRow(rule, x as tf.Tensor2D, 1).loss)(s);
      expectClose(grad.dataSync(), ref.grad_S.flat(), 1e-4, 'grad_S');
      tf.dispose([s, out.loss, out.pos, out.anc, grad]);
    });
  }
});

describe('InfoNceAnchorObjective with brier / spherical against a plain float64 loop', () => {
  const g = golden();
  const variants = (['brier', 'spherical'] as const).flatMap((rule) =>
    (['paper', 'exact-k'] as const).flatMap((construction) => [1, 0.5].map((nu) => [rule, construction, nu] as const)),
  );
  it.each(variants)('%s, %s, nu = %s: loss and dL/dS (central differences) on every golden case', (rule, construction, nu) => {
    for (const c of g.cases) {
      const o = new InfoNceAnchorObjective(parseAnchorOptions({ scoringRule: rule, construction, nu }));
      const s = tf.tensor2d(c.S);
      const out = o.evaluate({ scores: s });
      expectClose(out.loss.dataSync()[0]!, anchor64(rule, c.S, nu, construction), 1e-4, `${c.name} loss`);
      const grad = tf.grad((x: tf.Tensor) => o.evaluate({ scores: x as tf.Tensor2D }).loss)(s);
      const h = 1e-6;
      const fd = c.S.flatMap((row, i) =>
        row.map((_, j) => {
          const plus = c.S.map((r, a) => r.map((v, bb) => (a === i && bb === j ? v + h : v)));
          const minus = c.S.map((r, a) => r.map((v, bb) => (a === i && bb === j ? v - h : v)));
          return (anchor64(rule, plus, nu, construction) - anchor64(rule, minus, nu, construction)) / (2 * h);
        }),
      );
      expectClose(grad.dataSync(), fd, 1e-4, `${c.name} grad_S`);
      tf.dispose([s, out.loss, out.mi, grad]);
    }
  });
});
