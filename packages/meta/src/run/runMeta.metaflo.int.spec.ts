import { Rng, selectBackend } from '@infobed/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ZERO_PREDICTOR_MSE } from '../SineFamily.js';
import { resolveMetaConfig } from './resolveMetaConfig.js';
import { runMeta } from './runMeta.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('runMeta, Meta-FLO, ci preset (1,500 iterations, widths [32, 32])', () => {
  it('cuts validation MSE by ≥ 50% from initialisation and beats the zero predictor on the test tasks', async () => {
    const r = await runMeta(resolveMetaConfig({ method: 'metaflo' }, 'test', 'ci'), new Rng(0));
    const first = r.curve[0]!.validationMse;
    const last = r.curve[r.curve.length - 1]!.validationMse;
    console.info(`meta-flo ci: validation MSE ${first.toFixed(3)} → ${last.toFixed(3)}; test K=3 ${r.mse.find((m) => m.shots === 3)!.mean.toFixed(3)}`);
    expect(last).toBeLessThanOrEqual(0.5 * first);
    // specs/meta-learning.md §7: MSE ≪ 4.25 at K ≥ 3; here: the upper CI95 end below half of it.
    for (const m of r.mse.filter((x) => x.shots >= 3)) expect(m.mean + m.ci95).toBeLessThan(0.5 * ZERO_PREDICTOR_MSE);
    // The FLO estimate of I(point embedding; task embedding) is positive once the encoder has learned.
    expect(r.curve[r.curve.length - 1]!.mi!).toBeGreaterThan(0);
  });
});
