import { BedError } from '@infobed/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DESIGN_CONFIG } from './defaultDesignConfig.js';
import { resolveDesignConfig } from './loadDesignConfig.js';

describe('resolveDesignConfig overrides', () => {
  const base = DEFAULT_DESIGN_CONFIG;

  it('a different objective id replaces the block (the config options belong to the other objective)', () => {
    expect((base.objective as { options?: Record<string, unknown> }).options).toBeDefined();
    const c = resolveDesignConfig(base, 'default', undefined, { objective: { id: 'nwj', options: {} } });
    expect(c.objective.id).toBe('nwj');
    expect(c.objective.options ?? {}).toEqual({});
  });

  it('the same id merges: config options kept, overridden fields replaced', () => {
    const id = (base.objective as { id: string }).id;
    const c = resolveDesignConfig(base, 'default', undefined, { objective: { id, options: { nu: 3 } } });
    expect(c.objective.id).toBe(id);
    expect(c.objective.options).toEqual({ ...(base.objective as { options: object }).options, nu: 3 });
  });

  it('a different critic id replaces the critic block; the simulator options still merge', () => {
    const c = resolveDesignConfig(base, 'default', undefined, { critic: { id: 'joint', options: {} }, simulator: { options: { designs: 4 } } });
    expect(c.critic.id).toBe('joint');
    expect(c.critic.options ?? {}).toEqual({});
    expect(c.simulator.id).toBe((base.simulator as { id: string }).id);
    expect((c.simulator.options as { designs: number }).designs).toBe(4);
  });

  it('a preset that switches the objective drops the base objective options too', () => {
    const raw = { ...base, presets: { paper: { objective: { id: 'infonce' }, design: { steps: 7 } } } };
    const c = resolveDesignConfig(raw, 'default', 'paper');
    expect(c.objective.id).toBe('infonce');
    expect(c.objective.options ?? {}).toEqual({});
    expect(c.design.steps).toBe(7);
  });

  it('an unknown preset is an invalidConfig error listing the presets', () => {
    try {
      resolveDesignConfig({ ...base, presets: { ci: {}, paper: {} } }, 'default', 'nope');
      expect.unreachable();
    } catch (e) {
      expect(BedError.is(e, 'invalidConfig')).toBe(true);
      expect((e as Error).message).toMatch(/presets\.nope: no such preset; available: ci, paper/);
    }
  });
});
