/** Standard normal CDF Φ(z) via erfc (Numerical Recipes `erfcc`, relative error < 1.2e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
}

/** Smallest k with P(K ≤ k) ≥ u for K ~ Poisson(λ) (inverse CDF by summation; λ ≲ 700). */
export function poissonQuantile(lambda: number, u: number): number {
  if (!(lambda > 0)) return 0;
  let pmf = Math.exp(-lambda);
  let cdf = pmf;
  let k = 0;
  const cap = lambda + 20 * Math.sqrt(lambda) + 50;
  while (cdf < u && k < cap) {
    k++;
    pmf *= lambda / k;
    cdf += pmf;
  }
  return k;
}
