import type { EpidemicModel } from './PathBank.js';

/** What the deterministic ODE needs besides θ. */
export interface OdeGrid {
  readonly gridSize: number;
  readonly spacing: number;
  /** RK4 step (a divisor of `spacing`). */
  readonly dt: number;
  readonly population?: number;
  readonly initialInfected?: number;
}

/**
 * I(t_k), t_k = k·spacing, of the deterministic SIR / SEIR ODE (the SDE's drift) by RK4, for θ =
 * (β, γ) (SIR) or (β, σ, γ) (SEIR); N = 500, I₀ = 2 unless given. The reference the path bank's
 * tests compare with.
 */
export function odeInfected(model: EpidemicModel, th: readonly number[], g: OdeGrid): number[] {
  const n = g.population ?? 500;
  const i0 = g.initialInfected ?? 2;
  const [beta, sigma, gamma] = model === 'sir' ? [th[0]!, 0, th[1]!] : [th[0]!, th[1]!, th[2]!];
  const f = ([s, e, i]: number[]): number[] => {
    const a = (beta * s! * i!) / n;
    return model === 'sir' ? [-a, 0, a - gamma * i!] : [-a, a - sigma * e!, sigma * e! - gamma * i!];
  };
  const dt = g.dt;
  let x = [n - i0, 0, i0];
  const out = [i0];
  const every = Math.round(g.spacing / dt);
  const add = (a: number[], b: number[], c: number): number[] => a.map((v, k) => v + c * b[k]!);
  for (let k = 1; k < g.gridSize; k++) {
    for (let m = 0; m < every; m++) {
      const k1 = f(x);
      const k2 = f(add(x, k1, dt / 2));
      const k3 = f(add(x, k2, dt / 2));
      const k4 = f(add(x, k3, dt));
      x = x.map((v, q) => v + (dt / 6) * (k1[q]! + 2 * k2[q]! + 2 * k3[q]! + k4[q]!));
    }
    out.push(x[2]!);
  }
  return out;
}
