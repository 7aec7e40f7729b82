import { BedError, parsePluginOptions, type MiTask, type TaskFactory } from '@infobed/core';
import * as z from 'zod';
import { AdditiveUniform } from './base/AdditiveUniform.js';
import { denseCovariance, pairsCorrelation, SplitElliptical } from './base/SplitElliptical.js';
import { GaussianTask } from './GaussianTask.js';
import { TransformedTask } from './TransformedTask.js';
import {
  asinhTransform,
  bimodalXTransform,
  bimodalYTransform,
  compose,
  halfCubeTransform,
  normalCdfTransform,
  spiralTransform,
  swissRollTransform,
  wigglyXTransform,
  wigglyYTransform,
} from './transforms.js';

const dim = z.number().int().positive().max(100);

function family<S extends z.ZodType>(id: string, description: string, schema: S, build: (o: z.infer<S>) => MiTask): TaskFactory {
  return { id, description, create: (options) => build(parsePluginOptions(schema, options, 'task', id)) };
}

export const gaussian = family(
  'gaussian',
  'correlated Gaussians x ~ N(0, I), y = ρx + √(1−ρ²)ε with true MI `mi` nats (options: dim, mi, transform none|cubic)',
  z.object({ dim: dim.default(10), mi: z.number().positive().default(2), transform: z.enum(['none', 'cubic']).default('none') }).strict(),
  (o) => new GaussianTask(o.dim, o.mi, o.transform === 'cubic'),
);

const BIVARIATE = ['none', 'uniform', 'wiggly', 'half-cube', 'bimodal', 'swissroll'] as const;
export const bivariateNormal = family(
  'bivariate-normal',
  `bmi 1 × 1 bivariate normal with correlation rho (0.413 nats at 0.75) and its transforms (options: rho, transform ${BIVARIATE.join('|')})`,
  z.object({ rho: z.number().gt(-1).lt(1).default(0.75), transform: z.enum(BIVARIATE).default('none') }).strict(),
  (o) => {
    const base = new SplitElliptical(`bivariate-normal-${o.rho}`, 1, [[1, o.rho], [o.rho, 1]]);
    switch (o.transform) {
      case 'none': return new TransformedTask(base);
      case 'uniform': return new TransformedTask(base, normalCdfTransform, normalCdfTransform);
      case 'wiggly': return new TransformedTask(base, wigglyXTransform, wigglyYTransform);
      case 'half-cube': return new TransformedTask(base, halfCubeTransform, halfCubeTransform);
      case 'bimodal': return new TransformedTask(base, bimodalXTransform, bimodalYTransform);
      case 'swissroll': return new TransformedTask(base, compose(swissRollTransform, normalCdfTransform), normalCdfTransform, `swissroll-${base.label}`);
    }
  },
);

export const additiveNoise = family(
  'additive-noise',
  'bmi 1 × 1 Y = X + U(−ε, ε), X ~ U(0, 1): ε − log 2ε nats for ε ≤ ½, else 1/(4ε) (options: epsilon)',
  z.object({ epsilon: z.number().positive().default(0.1) }).strict(),
  (o) => new TransformedTask(new AdditiveUniform(o.epsilon)),
);

const MULTI = ['none', 'normal-cdf', 'half-cube', 'spiral', 'spiral-normal-cdf'] as const;
function multinormalTransform(task: string, base: SplitElliptical, t: (typeof MULTI)[number]): MiTask {
  if (t === 'none') return new TransformedTask(base);
  if (t === 'normal-cdf') return new TransformedTask(base, normalCdfTransform, normalCdfTransform);
  if (t === 'half-cube') return new TransformedTask(base, halfCubeTransform, halfCubeTransform);
  if (base.xDim < 2 || base.yDim < 3) throw new BedError('invalidConfig', `task.options.transform: "${t}" needs dimX ≥ 2 and dimY ≥ 3 (task "${task}")`);
  // bmi: x rotates in the plane (0, 1), y in (1, 2), speed 1/dim.
  const [sx, sy] = [spiralTransform(0, 1, 1 / base.xDim), spiralTransform(1, 2, 1 / base.yDim)];
  if (t === 'spiral') return new TransformedTask(base, sx, sy);
  return new TransformedTask(base, compose(sx, normalCdfTransform), compose(sy, normalCdfTransform));
}

export const multinormalDense = family(
  'multinormal-dense',
  `bmi dense multinormal dimX × dimY, every correlation = offDiag (options: dimX, dimY, offDiag, transform ${MULTI.join('|')})`,
  z.object({ dimX: dim.default(2), dimY: dim.default(2), offDiag: z.number().gt(0).lt(1).default(0.5), transform: z.enum(MULTI).default('none') }).strict(),
  (o) => multinormalTransform('multinormal-dense', new SplitElliptical(`multinormal-dense-${o.dimX}x${o.dimY}`, o.dimX, denseCovariance(o.dimX + o.dimY, o.offDiag)), o.transform),
);

export const multinormal2Pair = family(
  'multinormal-2pair',
  `bmi sparse multinormal dimX × dimY with 2 interacting pairs (corr λ²/(1+λ²), 1.022 nats at strength 2) (options: dimX, dimY, strength, transform ${MULTI.join('|')})`,
  z.object({ dimX: dim.min(2).default(3), dimY: dim.min(2).default(3), strength: z.number().positive().default(2), transform: z.enum(MULTI).default('none') }).strict(),
  (o) => multinormalTransform('multinormal-2pair', new SplitElliptical(`multinormal-2pair-${o.dimX}x${o.dimY}`, o.dimX, pairsCorrelation(o.dimX, o.dimY, 2, o.strength)), o.transform),
);

export const studentT = family(
  'student-t',
  'bmi multivariate Student-t dimX × dimY, identity dispersion, integer df (options: dimX, dimY, df, transform none|asinh)',
  z.object({ dimX: dim.default(1), dimY: dim.default(1), df: z.number().int().min(1).max(30).default(1), transform: z.enum(['none', 'asinh']).default('none') }).strict(),
  (o) => {
    const n = o.dimX + o.dimY;
    const base = new SplitElliptical(`student-t-${o.dimX}x${o.dimY}-df${o.df}`, o.dimX, denseCovariance(n, 0), o.df);
    return o.transform === 'asinh' ? new TransformedTask(base, asinhTransform, asinhTransform) : new TransformedTask(base);
  },
);

export const TASK_FAMILIES: readonly TaskFactory[] = [gaussian, bivariateNormal, additiveNoise, multinormalDense, multinormal2Pair, studentT];
