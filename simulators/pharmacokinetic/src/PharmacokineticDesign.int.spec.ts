import { Rng, selectBackend } from '@infobed/core';
import { SgaDesignOptimiser } from '@infobed/design';
import { meanStderr, nestedTerms } from '@infobed/evaluate';
import { SeparableCritic } from '@infobed/plugin-critics';
import { InfoNceAnchorObjective, parseAnchorOptions } from '@infobed/plugin-estimator-infonce-anchor';
import { beforeAll, describe, expect, it } from 'vitest';
import { PharmacokineticSimulator } from './PharmacokineticSimulator.js';
import { pkBaselineTimes } from './pkBaselineTimes.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('pharmacokinetic design end to end (SGA through the pathwise gradient)', () => {
  it('moves away from the equal-interval design to one with a higher independently estimated EIG', async () => {
    const sim = new PharmacokineticSimulator();
    const start = pkBaselineTimes(5);
    const critic = new SeparableCritic({ xDim: 3, yDim: 5, options: { hidden: [64, 64], embed: 32 }, seed: 1 });
    const objective = new InfoNceAnchorObjective(parseAnchorOptions({ nu: 1, construction: 'paper' }));
    const run = await new SgaDesignOptimiser().run(
      { simulator: sim, objective, critic },
      { steps: 300, finalCriticSteps: 0, batch: 128, lrCritic: 1e-3, lrDesign: 5e-2, initialDesign: start, recordEvery: 50, evalBatches: 2 },
      new Rng(0),
    );
    critic.dispose();
    // Paired comparison with common random numbers: same seed ⇒ same θ, noise and inner draws.
    const opts = { outer: 300, inner: 2000 };
    const before = nestedTerms(sim, start, opts, new Rng(11)).spce;
    const after = nestedTerms(sim, run.design, opts, new Rng(11)).spce;
    const diff = meanStderr(after.map((v, i) => v - before[i]!));
    const eigStart = meanStderr(before);
    // Start = the 2.67 ± 0.04 reference design.
    expect(Math.abs(eigStart.mean - 2.67)).toBeLessThanOrEqual(3 * Math.hypot(eigStart.stderr, 0.04));
    expect(diff.mean).toBeGreaterThan(3 * diff.stderr);
    run.design.forEach((t) => expect(t > 0 && t < 24).toBe(true));
  });
});
