import { describe, expect, it } from 'vitest';
import { criticFor } from './criticFor.js';

describe(criticFor, () => {
  const fallback = { id: 'separable', options: { hidden: [8] } };
  const flo = { defaultCritic: { id: 'shared', options: { hidden: [16] } } };

  it('takes the critic the user named, even over the objective default', () => {
    expect(criticFor(flo, { id: 'bilinear' }, fallback)).toEqual({ id: 'bilinear', options: {}, source: 'named' });
  });

  it("uses the objective's declared default when none is named", () => {
    expect(criticFor(flo, undefined, fallback)).toEqual({ id: 'shared', options: { hidden: [16] }, source: 'objective-default' });
  });

  it('falls back to the host critic for objectives without a default', () => {
    expect(criticFor({}, undefined, fallback)).toEqual({ ...fallback, source: 'fallback' });
  });
});
