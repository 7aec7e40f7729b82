import * as os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import type { BenchResult } from './runWorkload.js';

/** One timed run of a whole-loop workload (pk-design, policy-lf10). */
export interface TimedRun {
  readonly ms: number;
  readonly cpuMs: number;
  readonly loss: number;
}

/** The `BenchResult` row of a whole-loop workload timed over `steps` steps. */
export function timedResult(workload: string, optimizer: string, gemm: string, steps: number, r: TimedRun, load1Before: number, leakedTensors: number): BenchResult {
  return {
    workload,
    backend: tf.getBackend(),
    matmul: 'nn',
    gemm,
    optimizer,
    steps,
    stepsPerS: +((1000 * steps) / r.ms).toFixed(3),
    msPerStep: +(r.ms / steps).toFixed(2),
    cpuMsPerStep: +(r.cpuMs / steps).toFixed(2),
    gflops: NaN,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    load1Before: +load1Before.toFixed(2),
    load1After: +os.loadavg()[0]!.toFixed(2),
    finalLoss: +r.loss.toFixed(5),
    leakedTensors,
  };
}
