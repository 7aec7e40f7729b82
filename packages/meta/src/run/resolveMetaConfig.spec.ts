import { BedError } from '@infobed/core';
import { describe, expect, it } from 'vitest';
import { resolveMetaConfig } from './resolveMetaConfig.js';

describe(resolveMetaConfig, () => {
  it('gives the documented defaults (K = 3 support, 2 queries, 64 tasks, λ = 1e-2, α = 0.01, 600 test tasks)', () => {
    const c = resolveMetaConfig({}, 'x.yaml');
    expect(c.training).toMatchObject({ supportShots: 3, queryPoints: 2, tasksPerEpisode: 64, iterations: 15_000 });
    expect(c.metaflo).toMatchObject({ lambda: 1e-2, lr: 1e-3, criticLr: 1e-4, hidden: [128, 128], embedDim: 64 });
    expect(c.maml).toMatchObject({ hidden: [40, 40], innerLr: 0.01, innerSteps: 1, evalSteps: 10 });
    expect(c.evaluation).toMatchObject({ tasks: 600, shots: [1, 2, 3, 5, 10, 20], queries: 100 });
  });

  it('applies a built-in preset, then the config’s own preset of the same name, then overrides', () => {
    expect(resolveMetaConfig({}, 'x.yaml', 'ci').metaflo.hidden).toEqual([32, 32]);
    const own = resolveMetaConfig({ presets: { ci: { training: { iterations: 7 } } } }, 'x.yaml', 'ci');
    expect(own.training.iterations).toBe(7);
    expect(own.metaflo.hidden).toEqual([128, 128]); // the file's preset replaces the built-in one
    expect(resolveMetaConfig({}, 'x.yaml', 'paper', { method: 'maml' }).method).toBe('maml');
  });

  it('names the file and the field on bad input', () => {
    let err: unknown;
    try {
      resolveMetaConfig({ metaflo: { lambda: -1 } }, 'configs/sine-metaflo.yaml');
    } catch (e) {
      err = e;
    }
    expect(BedError.is(err, 'invalidConfig')).toBe(true);
    expect((err as Error).message).toMatch(/^configs\/sine-metaflo.yaml: metaflo.lambda: .*-1/);
    expect(() => resolveMetaConfig({}, 'x.yaml', 'huge')).toThrow(/presets.huge: no such preset; available: default, ci, paper/);
    expect(() => resolveMetaConfig({ method: 'reptile' }, 'x.yaml')).toThrow(/x.yaml: method/);
  });
});
