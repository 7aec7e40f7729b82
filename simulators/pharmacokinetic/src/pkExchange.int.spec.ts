import { Rng, selectBackend } from '@infobed/core';
import { exchangeCheck } from '@infobed/design';
import { eigEvaluator, meanStderr } from '@infobed/evaluate';
import { beforeAll, describe, expect, it } from 'vitest';
import { PharmacokineticSimulator } from './PharmacokineticSimulator.js';
import { parsePkOptions } from './pkOptions.js';
import { pkNestedTerms64 } from './pkNestedTerms64.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('exchange checks on PK (design.exchangeAt)', () => {
  it('leave the one-early-sample local optimum for the two-early basin of the best designs', () => {
    const sim = new PharmacokineticSimulator();
    // Where SGA from equal intervals stops (docs/simulators.md: 0.08–0.10 nats below the best known).
    const local = [0.35, 4.35, 5.07, 20.4, 20.7];
    const r = exchangeCheck(700, local, (d, e, rng) => eigEvaluator(sim, d, e, rng), { method: 'spce', outer: 200, inner: 1000 }, new Rng(4))!;
    expect(r.accepted).toBe(true);
    const sorted = [...r.to].sort((a, b) => a - b);
    expect(sorted[1]!).toBeLessThan(1); // two samples in the first hour
    // Ground truth for the jump: the float64 evaluator on fresh common draws (independent of the check's).
    const [before, after] = pkNestedTerms64([local, sorted], parsePkOptions({ T: 5 }), 4000, 1000, new Rng(9));
    const gain = meanStderr(after!.spce.map((v, k) => v - before!.spce[k]!));
    expect(gain.mean - 3 * gain.stderr).toBeGreaterThan(0);
  });
});
