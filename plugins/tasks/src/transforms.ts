import { invertIncreasing, normalCdf, normalQuantile } from './math/special.js';

/**
 * An injective map of one side's vector (`bmi`'s `TransformedSampler`): MI is unchanged, and the
 * pointwise MI of a transformed pair is the base PMI at the inverse images (Jacobians cancel).
 */
export interface VectorTransform {
  readonly name: string;
  /** Output dimension for an input of dimension d. */
  outDim(d: number): number;
  forward(v: readonly number[]): number[];
  /** Left inverse on the image of `forward`. */
  inverse(v: readonly number[]): number[];
}

const elementwise = (name: string, f: (t: number) => number, g: (t: number) => number): VectorTransform => ({
  name,
  outDim: (d) => d,
  forward: (v) => v.map(f),
  inverse: (v) => v.map(g),
});

/** Φ: Gaussian margins → uniform on (0, 1). */
export const normalCdfTransform = elementwise('normal-cdf', normalCdf, normalQuantile);
/** `x·√|x|` (signed x^{3/2}). */
export const halfCubeTransform = elementwise('half-cube', (t) => t * Math.sqrt(Math.abs(t)), (s) => Math.sign(s) * Math.abs(s) ** (2 / 3));
/** asinh (heavy tails of Student-t pulled in). */
export const asinhTransform = elementwise('asinh', Math.asinh, Math.sinh);

/** `bmi`'s `wiggly_x` / `wiggly_y`: strictly increasing (derivative ≥ 0.16), inverted by bisection. */
const wigglyX = (t: number): number => t + 0.4 * Math.sin(t) + 0.2 * Math.sin(1.7 * t + 1) + 0.03 * Math.sin(3.3 * t - 2.5);
const wigglyY = (t: number): number => t - 0.4 * Math.sin(0.4 * t) + 0.17 * Math.sin(1.3 * t + 3.5) + 0.02 * Math.sin(4.3 * t - 2.5);
const invert = (f: (t: number) => number) => (s: number) => invertIncreasing(f, s, s - 2, s + 2);
export const wigglyXTransform = elementwise('wiggly', wigglyX, invert(wigglyX));
export const wigglyYTransform = elementwise('wiggly', wigglyY, invert(wigglyY));

/**
 * `bmi`'s bimodal margins: `F⁻¹(Φ(z))` for the two-component Gaussian mixture CDF F (x:
 * 0.3·Φ(t) + 0.7·Φ(t − 5); y: 0.5·Φ(t + 1) + 0.5·Φ(t − 3)), F⁻¹ by bisection on [−10, 10] to
 * 1e-12 as in `bmi.transforms.invert_cdf`. Inverse: `Φ⁻¹(F(x))`.
 */
function bimodal(cdf: (t: number) => number): VectorTransform {
  return elementwise('bimodal', (z) => invertIncreasing(cdf, normalCdf(z), -10, 10), (x) => normalQuantile(cdf(x)));
}
export const bimodalXTransform = bimodal((t) => 0.3 * normalCdf(t) + 0.7 * normalCdf(t - 5));
export const bimodalYTransform = bimodal((t) => 0.5 * normalCdf(t + 1) + 0.5 * normalCdf(t - 3));

/**
 * `bmi`'s Swiss roll on a uniform margin: `u ∈ (0, 1)`, `t = 1.5π(1 + 2u)`,
 * `u ↦ (t cos t, t sin t)/21` (1 → 2 dims, injective). Inverse: `t = 21‖v‖`.
 */
export const swissRollTransform: VectorTransform = {
  name: 'swissroll',
  outDim: () => 2,
  forward: ([u]) => {
    const t = 1.5 * Math.PI * (1 + 2 * u!);
    return [(t * Math.cos(t)) / 21, (t * Math.sin(t)) / 21];
  },
  inverse: ([a, b]) => [(21 * Math.hypot(a!, b!)) / (1.5 * Math.PI) / 2 - 0.5],
};

/**
 * `bmi`'s spiral `v ↦ exp(speed·‖v‖²·A) v`, A the so(n) generator of the plane (i, j)
 * (`A[i][j] = −1`, `A[j][i] = 1`): a rotation of coordinates i, j by θ = speed·‖v‖². The norm is
 * kept, so the inverse rotates by −θ. `bmi` uses planes (0, 1) for x, (1, 2) for y and
 * speed = 1/dim.
 */
export function spiralTransform(i: number, j: number, speed: number): VectorTransform {
  const rotate = (v: readonly number[], sign: number): number[] => {
    const th = sign * speed * v.reduce((s, e) => s + e * e, 0);
    const out = [...v];
    out[i] = Math.cos(th) * v[i]! - Math.sin(th) * v[j]!;
    out[j] = Math.sin(th) * v[i]! + Math.cos(th) * v[j]!;
    return out;
  };
  return { name: 'spiral', outDim: (d) => d, forward: (v) => rotate(v, 1), inverse: (v) => rotate(v, -1) };
}

/** `outer ∘ inner` (e.g. spiral after normal-cdf). */
export function compose(outer: VectorTransform, inner: VectorTransform): VectorTransform {
  return {
    name: `${outer.name}-${inner.name}`,
    outDim: (d) => outer.outDim(inner.outDim(d)),
    forward: (v) => outer.forward(inner.forward(v)),
    inverse: (v) => inner.inverse(outer.inverse(v)),
  };
}
