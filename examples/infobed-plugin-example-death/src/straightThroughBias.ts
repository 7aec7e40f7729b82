import { deathProcessEig, type DeathPrior } from './deathProcessEig.js';

/**
 * Why straight-through ascent settles below the quadrature optimum, in float64 and without Monte Carlo.
 *
 * Take the ideal critic at t₀, `f(θ, k) = log p(k | θ, t₀) − log p(k | t₀)` (k = N y, extended to real k,
 * where the binomial coefficient cancels), and ascend `E_t[f]` in t. Its exact derivative at t = t₀ is
 * dEIG/dt (the t-dependence of f itself has zero mean), zero at t*. The simulator's straight-through
 * estimate instead returns `E[∂f/∂y · (1/N) Σ_i g(E_i)]`, g the derivative of the sigmoid-smoothed
 * indicator (`DeathProcessSimulator.simulate`). By exchangeability this is
 * `N · E_θ[ A · E f_k(K' + 1) + B · E f_k(K') ]` with K' ~ Bin(N − 1, p) the other individuals' deaths,
 * `A = ∫_{e<t} p(e) g(e) de`, `B = ∫_{e>t} p(e) g(e) de`. It equals the exact derivative only when ∂f/∂k
 * is affine in k (linear functionals of y); f is not, so the design gradient is biased.
 */
export interface StraightThroughCheck {
  /** dEIG/dt by central differences of the quadrature. */
  readonly exact: number;
  /** The expected straight-through design gradient with the ideal critic at t. */
  readonly straightThrough: number;
}

const NODES = 401;
const U_NODES = 4001;

/** Exact vs expected straight-through d/dt of the ideal-critic objective at time `t` (gradientWidth `w`). */
export function straightThroughCheck(prior: DeathPrior, t: number, w: number): StraightThroughCheck {
  const { population: n, logRateMean: mu, logRateSd: sd } = prior;
  const h = (16 * sd) / (NODES - 1);
  const z = Array.from({ length: NODES }, (_, i) => mu - 8 * sd + i * h);
  const pz = z.map((v) => Math.exp(-0.5 * ((v - mu) / sd) ** 2));
  const total = pz.reduce((a, v) => a + v, 0);
  const prior01 = pz.map((v) => v / total);
  // ℓ(z) = ∂/∂k log p(k | z, t) (without the z-free binomial-coefficient term): log(e^{bt} − 1).
  const ell = z.map((v) => Math.exp(v) * t + Math.log(-Math.expm1(-Math.exp(v) * t)));
  const logPz = z.map((v) => -Math.log(-Math.expm1(-Math.exp(v) * t))); // −log p
  // f_k(z, k) = ℓ(z) − E_{post(z' | k)} ℓ(z') for real k in [0, N].
  const postMeanEll = (k: number): number => {
    const lw = z.map((v, i) => Math.log(prior01[i]!) - k * logPz[i]! - (n - k) * Math.exp(v) * t);
    const m = Math.max(...lw);
    let s = 0;
    let se = 0;
    lw.forEach((l, i) => {
      const e = Math.exp(l - m);
      s += e;
      se += e * ell[i]!;
    });
    return se / s;
  };
  const meanEll = Array.from({ length: n + 1 }, (_, k) => postMeanEll(k));
  // Lifetime e = t (1 − w u): g(e) de = s(u)(1 − s(u)) (1 − w u) du, s = sigmoid(u); u > 0 ⇔ e < t (dead).
  const uLo = -40;
  const uHi = 1 / w;
  const du = (uHi - uLo) / (U_NODES - 1);
  let st = 0;
  z.forEach((zi, i) => {
    const b = Math.exp(zi);
    let a = 0;
    let bb = 0;
    for (let j = 0; j < U_NODES; j++) {
      const u = uLo + j * du;
      const s = 1 / (1 + Math.exp(-u));
      const e = t * (1 - w * u);
      const edge = j === 0 || j === U_NODES - 1 ? 0.5 : 1;
      const v = edge * du * b * Math.exp(-b * e) * s * (1 - s) * (1 - w * u);
      if (u > 0) a += v;
      else bb += v;
    }
    const p = -Math.expm1(-b * t);
    let dead = 0;
    let alive = 0;
    let logC = 0; // log C(N − 1, k)
    for (let k = 0; k < n; k++) {
      if (k > 0) logC += Math.log(n - k) - Math.log(k);
      const pk = Math.exp(logC + k * Math.log(p) - (n - 1 - k) * b * t);
      dead += pk * (ell[i]! - meanEll[k + 1]!);
      alive += pk * (ell[i]! - meanEll[k]!);
    }
    st += prior01[i]! * n * (a * dead + bb * alive);
  });
  const d = 1e-4;
  const exact = (deathProcessEig(prior, t + d) - deathProcessEig(prior, t - d)) / (2 * d);
  return { exact, straightThrough: st };
}
