import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FIRST_PARTY_PLUGINS } from '@infobed/cli';
import { PluginHost, selectBackend } from '@infobed/core';
import { loadDesignConfig, readYaml } from '@infobed/design';
import { beforeAll, describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../../configs/', import.meta.url));
/** Every static design config in configs/ (a `simulator:` section and no `policy:`; the adaptive ones are checked by @infobed/adaptive). */
const designConfigs = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .filter((f) => {
    const c = readYaml(`${dir}${f}`) as { simulator?: unknown; policy?: unknown };
    return c.simulator !== undefined && c.policy === undefined;
  });

let host: PluginHost;
beforeAll(async () => {
  await selectBackend('wasm');
  host = new PluginHost();
  for (const p of FIRST_PARTY_PLUGINS) host.use(p, p.meta.name);
});

describe('configs/*.yaml (design configs)', () => {
  it('has one config per model of issue 4', () => {
    for (const f of ['noisy-linear.yaml', 'linear-gaussian.yaml', 'pharmacokinetic.yaml', 'sir.yaml', 'sir-vs-seir.yaml']) expect(designConfigs).toContain(f);
  });

  it.each(designConfigs)('%s: default, `ci` and `paper` resolve, build their plugins, and the initial design is valid', (f) => {
    const base = loadDesignConfig(`${dir}${f}`);
    expect(Object.keys(base.presets)).toEqual(expect.arrayContaining(['ci', 'paper']));
    for (const preset of [undefined, 'ci', 'paper']) {
      const c = loadDesignConfig(`${dir}${f}`, preset);
      const tag = `${f} preset ${preset ?? 'default'}`;
      // Path banks: build a small one (the options are still validated); the paper banks take minutes.
      const options = 'paths' in c.simulator.options ? { ...c.simulator.options, paths: 50 } : c.simulator.options;
      const sim = host.simulator(c.simulator.id).create(options);
      try {
        expect(() => host.objective(c.objective.id).create(c.objective.options), tag).not.toThrow();
        expect(host.critic(c.critic.id), tag).toBeDefined();
        if (c.design.initial) expect(() => sim.designSpace.validate(c.design.initial!, 'design.initial'), tag).not.toThrow();
        if (c.evaluate.method === 'analytic') expect(sim.analyticEig, tag).toBeTypeOf('function');
        if (c.evaluate.method === 'spce' || c.evaluate.method === 'nmc') expect(sim.logLikelihood, tag).toBeTypeOf('function');
      } finally {
        sim.dispose?.();
      }
    }
    expect(loadDesignConfig(`${dir}${f}`, 'ci').design.steps).toBeLessThan(base.design.steps);
    expect(loadDesignConfig(`${dir}${f}`, 'paper').design.steps).toBeGreaterThan(base.design.steps);
  });

  it('linear-gaussian.yaml: the closed form at its optimum is the §1.2 value (σ² = 9)', () => {
    const c = loadDesignConfig(`${dir}linear-gaussian.yaml`);
    const sim = host.simulator(c.simulator.id).create(c.simulator.options);
    expect(sim.analyticEig!([-2, -2, -2, -2, -2, 2, 2, 2, 2, 2])).toBeCloseTo(3.0557, 4);
    expect(sim.analyticEig!(Array<number>(10).fill(0))).toBeCloseTo(1.1989, 4);
  });
});
