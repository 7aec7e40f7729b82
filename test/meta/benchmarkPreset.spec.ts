import { fileURLToPath } from 'node:url';
import { deepMerge, PluginHost, readYaml } from '@infobed/core';
import { parseEstimateSettings } from '@infobed/estimate';
import { FIRST_PARTY_PLUGINS } from '@infobed/cli';
import { describe, expect, it } from 'vitest';

const config = fileURLToPath(new URL('../../configs/estimate-gaussian.yaml', import.meta.url));

describe('configs/estimate-gaussian.yaml, preset benchmark', () => {
  it('runs every registered objective on valid tasks over ≥ 3 seeds, with held-out estimates', () => {
    const doc = readYaml(config) as { estimate: Record<string, unknown>; presets: Record<string, { estimate: Record<string, unknown> }> };
    const s = parseEstimateSettings(deepMerge(doc.estimate, doc.presets.benchmark!.estimate));
    const host = new PluginHost();
    for (const p of FIRST_PARTY_PLUGINS) host.use(p);
    expect(s.objectives.map((o) => o.id).sort()).toEqual(host.objectives().map((o) => o.id).sort());
    expect(s.runs).toBeGreaterThanOrEqual(3);
    expect(s.heldOut).toBeGreaterThan(0);
    const labels = s.tasks!.map((t) => host.task(t.id).create(t.options).label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(new Set(s.tasks!.map((t) => t.id))).toEqual(new Set(host.tasks().map((t) => t.id)));
    // A diverged cell (Student-t breaks exp-type objectives) is a result: the preset must finish.
    expect(s.onDiverge).toBe('report');
  });

  it('default: flo names no critic (its own shared one) and trains with its own budget; ci keeps every objective tiny', () => {
    const doc = readYaml(config) as { estimate: Record<string, unknown>; presets: Record<string, { estimate: Record<string, unknown> }> };
    const flo = parseEstimateSettings(doc.estimate).objectives.find((o) => o.id === 'flo')!;
    expect(flo).toMatchObject({ mi: [10], lr: 1e-4 });
    expect(flo.critic).toBeUndefined();
    const ci = parseEstimateSettings(deepMerge(doc.estimate, doc.presets.ci!.estimate));
    for (const o of ci.objectives) expect((o.stepsPerStage ?? ci.stepsPerStage) * (o.mi ?? ci.mi).length, o.id).toBeLessThanOrEqual(40);
  });
});
