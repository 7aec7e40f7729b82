import * as os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import type { Workload } from './makeWorkload.js';

/** One benchmark figure. `load1` is `os.loadavg()[0]` before and after: the machine is shared. */
export interface BenchResult {
  readonly workload: string;
  readonly backend: string;
  readonly matmul: string;
  readonly gemm: string;
  readonly optimizer: string;
  readonly steps: number;
  readonly stepsPerS: number;
  readonly msPerStep: number;
  readonly cpuMsPerStep: number;
  readonly gflops: number;
  readonly peakRssMb: number;
  readonly load1Before: number;
  readonly load1After: number;
  readonly finalLoss: number;
  readonly leakedTensors: number;
}

/**
 * Times `steps` training steps after `warmup` (or until `seconds` pass). The only read-back to
 * JS is the last loss, after the clock stops, so per-step synchronisation is never measured.
 */
export function runWorkload(w: Workload, opts: { steps: number; seconds: number; warmup: number; matmul: string; gemm: string }): BenchResult {
  for (let i = 0; i < opts.warmup; i++) w.step().dispose();
  const tensorsBefore = tf.memory().numTensors;
  const load1Before = os.loadavg()[0]!;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let n = 0;
  let last: tf.Scalar | undefined;
  while (n < opts.steps && performance.now() - t0 < 1000 * opts.seconds) {
    last?.dispose();
    last = w.step();
    n++;
  }
  const finalLoss = last!.dataSync()[0]!; // wasm/cpu run synchronously; this also syncs async backends
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  last!.dispose();
  return {
    workload: w.name,
    backend: tf.getBackend(),
    matmul: opts.matmul,
    gemm: opts.gemm,
    optimizer: w.optimizer,
    steps: n,
    stepsPerS: +((1000 * n) / wall).toFixed(3),
    msPerStep: +(wall / n).toFixed(2),
    cpuMsPerStep: +((cpu.user + cpu.system) / 1000 / n).toFixed(2),
    gflops: +((w.flopsPerStep * n) / wall / 1e6).toFixed(2),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    load1Before: +load1Before.toFixed(2),
    load1After: +os.loadavg()[0]!.toFixed(2),
    finalLoss: +finalLoss.toFixed(5),
    leakedTensors: tf.memory().numTensors - tensorsBefore,
  };
}
