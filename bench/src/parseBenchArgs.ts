import { BedError, type BackendPreference } from '@infobed/core';
import { WORKLOADS, type MatMulMode, type OptimizerMode, type WorkloadName } from './makeWorkload.js';

export interface BenchArgs {
  /** The critic workloads, plus `pk-design` (one SGA design step of the pharmacokinetic model) and `policy-lf10` (one policy-training step, location finding T = 10). */
  readonly workloads: readonly (WorkloadName | 'pk-design' | 'policy-lf10')[];
  readonly backend: BackendPreference;
  readonly matmul: readonly MatMulMode[];
  readonly steps: number;
  readonly seconds: number;
  readonly warmup: number;
  /** `auto`: native AVX2 GEMM when built (wasm only); `tfjs`: the backend's own kernels. */
  readonly gemm: 'auto' | 'tfjs';
  readonly optimizers: readonly OptimizerMode[];
  readonly json: boolean;
}

export const USAGE =
  'pnpm bench [--workload sep64|sep256|joint64|pk-design|policy-lf10|all] [--backend auto|wasm|cpu] [--matmul nn|plain|both] [--gemm auto|tfjs] [--optimizer fused|tfjs|both] [--steps N] [--seconds S] [--warmup N] [--json]';

const choice = <T extends string>(flag: string, v: string | undefined, allowed: readonly T[]): T => {
  if (v !== undefined && (allowed as readonly string[]).includes(v)) return v as T;
  throw new BedError('invalidArgument', `${flag}: expected one of ${allowed.join(', ')}, got ${v ?? 'nothing'}`);
};

const positive = (flag: string, v: string | undefined, int: boolean): number => {
  const n = Number(v);
  if (v === undefined || !Number.isFinite(n) || n <= 0 || (int && !Number.isInteger(n))) {
    throw new BedError('invalidArgument', `${flag}: expected ${int ? 'an integer' : 'a number'} > 0, got ${v ?? 'nothing'}`);
  }
  return n;
};

/** Parses the bench command line (`argv` without node and the script). */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let workloads: readonly (WorkloadName | 'pk-design' | 'policy-lf10')[] = [...WORKLOADS, 'pk-design', 'policy-lf10'];
  let backend: BackendPreference = 'auto';
  let matmul: readonly MatMulMode[] = ['nn'];
  let steps = 200;
  let seconds = 20;
  let warmup = 3;
  let json = false;
  // FusedAdam: what every InfoBED trainer uses (design, estimate, meta); `--optimizer tfjs` for tf.train.adam.
  let optimizers: readonly OptimizerMode[] = ['fused'];
  let gemm: 'auto' | 'tfjs' = 'auto';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const val = (): string | undefined => inline ?? argv[++i];
    if (flag === '--workload') {
      const w = choice('--workload', val(), [...WORKLOADS, 'pk-design', 'policy-lf10', 'all'] as const);
      workloads = w === 'all' ? [...WORKLOADS, 'pk-design', 'policy-lf10'] : [w];
    } else if (flag === '--backend') backend = choice('--backend', val(), ['auto', 'wasm', 'cpu', 'tensorflow'] as const);
    else if (flag === '--matmul') {
      const m = choice('--matmul', val(), ['nn', 'plain', 'both'] as const);
      matmul = m === 'both' ? ['plain', 'nn'] : [m];
    } else if (flag === '--steps') steps = positive('--steps', val(), true);
    else if (flag === '--seconds') seconds = positive('--seconds', val(), false);
    else if (flag === '--warmup') warmup = Math.max(0, Number(val()) | 0);
    else if (flag === '--gemm') gemm = choice('--gemm', val(), ['auto', 'tfjs'] as const);
    else if (flag === '--optimizer') {
      const o = choice('--optimizer', val(), ['tfjs', 'fused', 'both'] as const);
      optimizers = o === 'both' ? ['tfjs', 'fused'] : [o];
    } else if (flag === '--json') json = true;
    else if (flag === '--') continue;
    else throw new BedError('invalidArgument', `unknown option ${a}; usage: ${USAGE}`);
  }
  return { workloads, backend, matmul, steps, seconds, warmup, gemm, optimizers, json };
}
