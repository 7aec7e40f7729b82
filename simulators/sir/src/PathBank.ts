import { BedError, Rng } from '@infobed/core';
import type { EpidemicOptions } from './epidemicOptions.js';
import { FastNormal } from './FastNormal.js';

/** Which compartmental model a bank simulates. */
export type EpidemicModel = 'sir' | 'seir';

/** Pre-simulated paths: parameters and infected counts on a regular grid (float32 storage). */
export interface PathBank {
  readonly model: EpidemicModel;
  /** p = 2 (β, γ) for SIR, 3 (β, σ, γ) for SEIR. */
  readonly p: number;
  /** `[paths × p]` row-major parameters of the kept paths. */
  readonly theta: Float32Array;
  /** `[paths × gridSize]` row-major I(t_k), t_k = k·spacing. */
  readonly infected: Float32Array;
  readonly paths: number;
  readonly gridSize: number;
  readonly spacing: number;
  /** Paths simulated and dropped by the non-trivial filter (mean I < minMeanInfected). */
  readonly dropped: number;
  /** Paths dropped because the Euler–Maruyama iteration overflowed (coarse dt, extreme θ). */
  readonly diverged: number;
}

const logNormal = (rng: Rng, o: { logMean: number; logSd: number }): number => Math.exp(o.logMean + o.logSd * rng.normal());

/**
 * Euler–Maruyama bank (specs/simulators.md §3, §3.2), float64 state, Brownian increments from
 * `Rng(bankSeed)`. SIR: dS = −a dt − √a dW₁, dI = (a − γI) dt + √a dW₁ − √(γI) dW₂, a = βSI/N.
 * SEIR: dS = −a dt − √a dW₁, dE = (a − σE) dt + √a dW₁ − √(σE) dW₂,
 * dI = (σE − γI) dt + √(σE) dW₂ + √(γI) dW₃ (GradBED's sign, reproduced).
 * States are clamped to [0, N] inside G only. Paths with mean I < minMeanInfected are dropped
 * and re-drawn until `paths` are kept (so are non-finite paths: `diverged`) (this conditions the prior: the model is the prior given a
 * non-trivial epidemic).
 */
export function simulatePathBank(model: EpidemicModel, o: EpidemicOptions): PathBank {
  const root = new Rng(o.bankSeed);
  const prior = root.fork(`${model}-prior`);
  const rng = new FastNormal(root.fork(`${model}-brownian`));
  const p = model === 'sir' ? 2 : 3;
  const every = Math.round(o.gridSpacing / o.dt);
  const gridSize = Math.floor(o.horizon / o.gridSpacing + 1e-9) + 1;
  const theta = new Float32Array(o.paths * p);
  const infected = new Float32Array(o.paths * gridSize);
  const row = new Float64Array(gridSize);
  const n = o.population;
  const sq = o.diffusionScale * Math.sqrt(o.dt);
  const clamp = (v: number): number => (v < 0 ? 0 : v > n ? n : v);
  let kept = 0;
  let dropped = 0;
  let diverged = 0;
  while (kept < o.paths) {
    const beta = logNormal(prior, o.beta);
    const sigma = model === 'seir' ? logNormal(prior, o.sigma) : 0;
    const gamma = logNormal(prior, o.gamma);
    let s = n - o.initialInfected;
    let e = 0;
    let i = o.initialInfected;
    let sum = 0;
    for (let k = 0; k < gridSize; k++) {
      row[k] = i;
      sum += i;
      if (k === gridSize - 1) break;
      for (let m = 0; m < every; m++) {
        const a = (beta * s * i) / n;
        const ac = (beta * clamp(s) * clamp(i)) / n;
        const w1 = sq * rng.normal();
        const w2 = sq * rng.normal();
        if (model === 'sir') {
          const ds = -a * o.dt - Math.sqrt(ac) * w1;
          const di = (a - gamma * i) * o.dt + Math.sqrt(ac) * w1 - Math.sqrt(gamma * clamp(i)) * w2;
          s += ds;
          i += di;
        } else {
          const w3 = sq * rng.normal();
          const ds = -a * o.dt - Math.sqrt(ac) * w1;
          const de = (a - sigma * e) * o.dt + Math.sqrt(ac) * w1 - Math.sqrt(sigma * clamp(e)) * w2;
          const di = (sigma * e - gamma * i) * o.dt + Math.sqrt(sigma * clamp(e)) * w2 + Math.sqrt(gamma * clamp(i)) * w3;
          s += ds;
          e += de;
          i += di;
        }
      }
    }
    if (!Number.isFinite(sum)) {
      diverged++;
      if (diverged > 10 + o.paths) {
        throw new BedError('invalidConfig', `${model}: simulator.options.dt: ${diverged} Euler–Maruyama paths diverged at dt = ${o.dt}; use a smaller dt`);
      }
      continue;
    }
    if (sum / gridSize < o.minMeanInfected) {
      dropped++;
      if (dropped > 1000 + 100 * o.paths) {
        throw new BedError('invalidConfig', `${model}: simulator.options.minMeanInfected: ${dropped} of ${dropped + kept} paths have mean I below ${o.minMeanInfected}; lower it`);
      }
      continue;
    }
    const th = model === 'sir' ? [beta, gamma] : [beta, sigma, gamma];
    theta.set(th, kept * p);
    infected.set(row, kept * gridSize);
    kept++;
  }
  return { model, p, theta, infected, paths: kept, gridSize, spacing: o.gridSpacing, dropped, diverged };
}
