import { Rng, selectBackend } from '@infobed/core';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { EpidemicSimulator } from './EpidemicSimulator.js';

/** Bank seeds simulated, in order: every call of `simulatePathBank` goes through here. */
const simulated = vi.hoisted(() => ({ seeds: [] as number[] }));
vi.mock('./PathBank.js', async (original) => {
  const m = await original<typeof import('./PathBank.js')>();
  return {
    ...m,
    simulatePathBank: (...args: Parameters<typeof m.simulatePathBank>) => {
      simulated.seeds.push(args[1].bankSeed);
      return m.simulatePathBank(...args);
    },
  };
});

beforeAll(async () => {
  await selectBackend('wasm');
});
beforeEach(() => {
  simulated.seeds.length = 0;
});

const options = { paths: 12, dt: 0.05, T: 3, refreshEvery: 4 };

describe('EpidemicSimulator bank on first use', () => {
  it('simulates no bank until θ are drawn (so `policy next` on a 100k-path run is instant)', () => {
    const sim = new EpidemicSimulator('sir', options);
    expect(sim.stepwise.designDim).toBe(1);
    expect(sim.designSpace.dim).toBe(3);
    expect(simulated.seeds).toEqual([]);
    sim.samplePrior(3, new Rng(1)).dispose();
    expect(simulated.seeds).toHaveLength(1);
  });

  it('a resume at generation 2 simulates only that bank, the same one as two refreshes in a row', () => {
    const resumed = new EpidemicSimulator('sir', options);
    resumed.restorePriorState({ draws: 9, generation: 2 }); // the state after 9 draws of 4 per bank
    expect(simulated.seeds).toHaveLength(1);
    const uninterrupted = new EpidemicSimulator('sir', options);
    for (let i = 0; i < 8; i++) uninterrupted.samplePrior(2, new Rng(i)).dispose();
    uninterrupted.samplePrior(2, new Rng(8)).dispose(); // the 9th draw triggers the 2nd refresh
    expect(uninterrupted.generation).toBe(2);
    expect(Array.from(resumed.bank.theta)).toEqual(Array.from(uninterrupted.bank.theta));
    expect(simulated.seeds).toHaveLength(4); // resumed: generation 2 only; uninterrupted: 0, 1, 2
    expect(new Set(simulated.seeds.slice(1)).size).toBe(3);
    expect(simulated.seeds[3]).toBe(simulated.seeds[0]);
  });
});
