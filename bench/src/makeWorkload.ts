import * as tf from '@tensorflow/tfjs';
import { infoNceBound as composedInfoNce, Rng } from '@infobed/core';
import { FusedAdam, infoNceBound, matMul, Mlp, nativeGemmActive } from '@infobed/nn';

export const WORKLOADS = ['sep64', 'sep256', 'joint64'] as const;
export type WorkloadName = (typeof WORKLOADS)[number];

/**
 * `nn` = `@infobed/nn`'s layers (fused dense kernels with the native addon) and its one-kernel
 * `infoNceBound`; `plain` = `tf.matMul`, bias add, ReLU and core's composed `infoNceBound`.
 */
export type MatMulMode = 'nn' | 'plain';

/** `tfjs` = `tf.train.adam`; `fused` = `@infobed/nn`'s `FusedAdam` (same arithmetic, one pass per variable). */
export type OptimizerMode = 'tfjs' | 'fused';

/** One benchmark workload: `step()` = sample, forward, InfoNCE loss, backward, Adam. */
export interface Workload {
  readonly name: WorkloadName;
  readonly batch: number;
  readonly optimizer: OptimizerMode;
  /** FLOPs of the dense layers per step: 2·n·in·out per matmul, ×3 for forward + backward. */
  readonly flopsPerStep: number;
  /** Runs one training step; returns the loss tensor (caller disposes; no read-back). */
  step(): tf.Scalar;
  dispose(): void;
}

const D = 10;

const denseFlops = (n: number, dims: readonly number[]): number =>
  dims.slice(1).reduce((f, out, k) => f + 3 * 2 * n * dims[k]! * out, 0);

/** `[n, in]` → `[n, out]` through `mlp`'s variables with the chosen matmul. */
function forward(mlp: Mlp, x: tf.Tensor2D, mode: MatMulMode): tf.Tensor2D {
  if (mode === 'nn') return mlp.apply(x);
  return mlp.layers.reduce((h, l, k) => {
    const z = tf.add(tf.matMul(h, l.w), l.b) as tf.Tensor2D;
    return k === mlp.layers.length - 1 ? z : tf.relu(z);
  }, x);
}

/**
 * Builds a workload as in `peer/torch_bench.py`: x ~ N(0, I₁₀), y = x + 0.5·ε; separable critic
 * `f(x)·g(y)ᵀ` with two MLPs 10→512→512→16, or a joint MLP 20→256→256→1 over all B² pairs.
 * Loss = −InfoNCE bound (nn's fused `infoNceBound` in `nn` mode, core's in `plain` mode); optimiser
 * Adam(1e-4), `tf.train.adam` or `FusedAdam`.
 */
export function makeWorkload(name: WorkloadName, mode: MatMulMode, optimizer: OptimizerMode = 'tfjs', seed = 0): Workload {
  const rng = new Rng(seed);
  const batch = name === 'sep256' ? 256 : 64;
  const joint = name === 'joint64';
  const nets = joint
    ? [new Mlp({ inDim: 2 * D, hidden: [256, 256], outDim: 1, seed: rng.nextSeed(), name: 'h' })]
    : [
        new Mlp({ inDim: D, hidden: [512, 512], outDim: 16, seed: rng.nextSeed(), name: 'f' }),
        new Mlp({ inDim: D, hidden: [512, 512], outDim: 16, seed: rng.nextSeed(), name: 'g' }),
      ];
  const vars = nets.flatMap((n) => n.variables);
  const opt = optimizer === 'fused' ? new FusedAdam(1e-4) : tf.train.adam(1e-4);
  const flopsPerStep = joint ? denseFlops(batch * batch, [20, 256, 256, 1]) : 2 * denseFlops(batch, [D, 512, 512, 16]) + 3 * 2 * batch * batch * 16;

  // `[B², B]` one-hot selectors: selX[i·B + j, i] = 1, selY[i·B + j, j] = 1 (constants).
  const [selX, selY] = joint
    ? tf.tidy(() => {
        const r = tf.range(0, batch * batch, 1, 'int32');
        return [tf.oneHot(tf.floorDiv(r, batch).toInt(), batch).toFloat(), tf.oneHot(tf.mod(r, batch).toInt(), batch).toFloat()] as tf.Tensor2D[];
      })
    : [undefined, undefined];
  const scores = (x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D => {
    if (!joint) {
      const fx = forward(nets[0]!, x, mode);
      const gy = forward(nets[1]!, y, mode);
      // With the native GEMM the transpose flag is free (and so is its flag-form gradient).
      return mode === 'nn' && !nativeGemmActive() ? matMul(fx, tf.transpose(gy)) : tf.matMul(fx, gy, false, true);
    }
    // Pair rows (x_i, y_j), row i·B + j, by exact one-hot selection matmuls (copies: every
    // product is v·1 or v·0): the wasm Tile kernel took ~10% of a joint64 step.
    const xs = tf.matMul(selX!, x);
    const ys = tf.matMul(selY!, y);
    const h = forward(nets[0]!, tf.concat([xs, ys], 1) as tf.Tensor2D, mode);
    return tf.reshape(h, [batch, batch]);
  };

  return {
    name,
    batch,
    optimizer,
    flopsPerStep,
    step: () =>
      tf.tidy(() => {
        const x = tf.randomNormal([batch, D], 0, 1, 'float32', rng.nextSeed()) as tf.Tensor2D;
        const y = tf.add(x, tf.mul(0.5, tf.randomNormal([batch, D], 0, 1, 'float32', rng.nextSeed()))) as tf.Tensor2D;
        const bound = mode === 'nn' ? infoNceBound : composedInfoNce;
        const loss = opt.minimize(() => tf.neg(bound(scores(x, y))) as tf.Scalar, true, vars);
        return loss!;
      }),
    dispose: () => {
      opt.dispose();
      tf.dispose([selX, selY].filter((t): t is tf.Tensor2D => t !== undefined));
      for (const n of nets) n.dispose();
    },
  };
}
