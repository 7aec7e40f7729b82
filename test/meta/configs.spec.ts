import { fileURLToPath } from 'node:url';
import { DEFAULT_DESIGN_CONFIG, loadDesignConfig, resolveDesignConfig } from '@infobed/design';
import { describe, expect, it } from 'vitest';

const config = (f: string) => fileURLToPath(new URL(`../../configs/${f}`, import.meta.url));

describe('configs/noisy-linear.yaml', () => {
  it('is the same run as the built-in default config', () => {
    const { presets: _p, description: _d, ...file } = loadDesignConfig(config('noisy-linear.yaml'));
    const { presets: _q, description: _e, ...builtIn } = resolveDesignConfig(DEFAULT_DESIGN_CONFIG, 'built-in');
    expect(file).toEqual(builtIn);
  });

  it('applies presets and names a missing one', () => {
    expect(loadDesignConfig(config('noisy-linear.yaml'), 'ci').design.steps).toBe(600);
    expect(() => loadDesignConfig(config('noisy-linear.yaml'), 'huge')).toThrow(/presets\.huge: no such preset; available: paper, ci/);
  });
});
