import { describe, expect, it } from 'vitest';
import { DEFAULT_DESIGN_CONFIG } from './defaultDesignConfig.js';
import { designCritic, isCriticNamed } from './designCritic.js';
import { resolveDesignConfig } from './loadDesignConfig.js';

const flo = { defaultCritic: { id: 'shared', options: { hidden: [256, 256] } } };
const plain = {};

describe(isCriticNamed, () => {
  const raw = { simulator: { id: 'noisy-linear' }, objective: { id: 'infonce-anchor' }, critic: { id: 'separable' } };

  it('the config critic is named for the config objective, and for the same id given by --objective', () => {
    expect(isCriticNamed(raw, undefined, {})).toBe(true);
    expect(isCriticNamed(raw, undefined, { objective: { id: 'infonce-anchor' } })).toBe(true);
  });

  it('--objective with another id makes the config critic a fallback; --critic always names one', () => {
    expect(isCriticNamed(raw, undefined, { objective: { id: 'flo' } })).toBe(false);
    expect(isCriticNamed(raw, undefined, { objective: { id: 'flo' }, critic: { id: 'bilinear' } })).toBe(true);
  });

  it('a config without a critic names none; a preset can name one (for its own objective)', () => {
    const bare = { simulator: { id: 'noisy-linear' }, objective: { id: 'flo' } };
    expect(isCriticNamed(bare, undefined, {})).toBe(false);
    const withPreset = { ...bare, presets: { fast: { objective: { id: 'nwj' }, critic: { id: 'separable' } } } };
    expect(isCriticNamed(withPreset, 'fast', {})).toBe(true);
    expect(isCriticNamed(withPreset, 'fast', { objective: { id: 'nwj' } })).toBe(true);
    expect(isCriticNamed(withPreset, 'fast', { objective: { id: 'flo' } })).toBe(false);
  });
});

describe(designCritic, () => {
  it('--objective flo over the built-in config trains FLO\'s own critic, as `infobed estimate` does', () => {
    const c = resolveDesignConfig(DEFAULT_DESIGN_CONFIG, 'built-in', undefined, { objective: { id: 'flo', options: {} } });
    expect(c.criticNamed).toBe(false);
    expect(designCritic(c, flo)).toEqual({ id: 'shared', options: { hidden: [256, 256] }, source: 'objective-default' });
    // An objective without a default of its own keeps the config's critic, options included.
    expect(designCritic(c, plain)).toEqual({ id: c.critic.id, options: c.critic.options, source: 'fallback' });
  });

  it('a critic named for the objective wins over its default', () => {
    const named = resolveDesignConfig(DEFAULT_DESIGN_CONFIG, 'built-in', undefined, { objective: { id: 'flo', options: {} }, critic: { id: 'bilinear', options: {} } });
    expect(designCritic(named, flo)).toEqual({ id: 'bilinear', options: {}, source: 'named' });
    const inFile = resolveDesignConfig({ ...DEFAULT_DESIGN_CONFIG, objective: { id: 'flo' }, critic: { id: 'bilinear' } }, 'file');
    expect(designCritic(inFile, flo)).toMatchObject({ id: 'bilinear', source: 'named' });
  });

  it('a config built in code (no criticNamed) keeps its critic', () => {
    const { criticNamed: _n, ...c } = resolveDesignConfig(DEFAULT_DESIGN_CONFIG, 'built-in');
    expect(designCritic(c, flo)).toMatchObject({ id: c.critic.id, source: 'named' });
  });
});
