import { BedError } from '@infobed/core';
import { expectClose, golden } from '@infobed/testing';
import { describe, expect, it } from 'vitest';
import { gaussianMi, rhoForMi } from './gaussianTruth.js';

describe('gaussian ground truth', () => {
  const g = golden().ground_truth_gaussian;
  it.each(g.table)('reproduces the golden table: d = $d, rho = $rho → $mi_nats nats (float64, 1e-9)', ({ d, rho, mi_nats }) => {
    expectClose(gaussianMi(d, rho), mi_nats, 1e-9, 'mi');
  });
  it.each(g.inverse_table)('reproduces the golden inverse table: d = $d, $mi_nats nats → rho = $rho', ({ d, mi_nats, rho }) => {
    expectClose(rhoForMi(d, mi_nats), rho, 1e-9, 'rho');
    expectClose(gaussianMi(d, rhoForMi(d, mi_nats)), mi_nats, 1e-9, 'round trip');
  });
  it('rejects |rho| ≥ 1, mi ≤ 0 and a non-integer dimension, naming the field', () => {
    expect(() => gaussianMi(10, 1)).toThrow(/^rho:/);
    expect(() => rhoForMi(10, 0)).toThrow(/^mi:/);
    try {
      gaussianMi(2.5, 0.5);
    } catch (e) {
      expect(BedError.is(e, 'invalidArgument')).toBe(true);
    }
  });
});
