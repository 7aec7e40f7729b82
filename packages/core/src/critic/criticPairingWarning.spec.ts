import { describe, expect, it } from 'vitest';
import { criticPairingWarning, type CriticFactory } from './Critic.js';

const critic = (id: string, boundedScores?: boolean): CriticFactory => ({ id, description: '', ...(boundedScores ? { boundedScores } : {}), create: () => { throw new Error('unused'); } });

describe('criticPairingWarning', () => {
  it('warns only for an objective that needs bounded scores on a critic that does not declare them', () => {
    const flo = { id: 'flo', needsBoundedScores: 'e^{a} overflows' };
    expect(criticPairingWarning(flo, critic('separable'))).toBe('warning: flo with the "separable" critic: e^{a} overflows; a bounded critic (e.g. "bilinear") avoids this');
    expect(criticPairingWarning(flo, critic('bilinear', true))).toBeUndefined();
    expect(criticPairingWarning({ id: 'infonce' }, critic('separable'))).toBeUndefined();
  });

  it("does not warn about the objective's own default critic", () => {
    const flo = { id: 'flo', needsBoundedScores: 'e^{a} overflows', defaultCritic: { id: 'shared' } };
    expect(criticPairingWarning(flo, critic('shared'))).toBeUndefined();
    expect(criticPairingWarning(flo, critic('separable'))).toMatch(/^warning: flo with the "separable" critic/);
  });
});
