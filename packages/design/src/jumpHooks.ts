import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic, type ProgressReporter } from '@infobed/core';

/** What a check that may move the design records (`ExchangeRecord`, `PolishRecord`). */
export interface JumpRecord {
  /** Joint step after which the check ran. */
  readonly step: number;
  /** The design before the check, and its EIG on the check's draws. */
  readonly from: number[];
  readonly fromEig: number;
  /**
   * The candidate and its EIG on the same draws (common random numbers). Optimistic for those
   * draws (it was selected on them): the run's `eig` scores the final design on independent draws.
   */
  readonly to: number[];
  readonly toEig: number;
  /** Whether the run jumped to `to` (its EIG beat `fromEig`). */
  readonly accepted: boolean;
}

/** The optimiser's `jump` hook (SgaDesignOptimiser): a new design after a joint step, or none. */
export type JumpHook = (step: number, design: () => number[]) => number[] | undefined;

/**
 * A `jump` hook that runs `check` after the joint steps in `at` and jumps to `to` when the check
 * accepted it. Each record is kept in `checkpoint/<file>`, so a resumed run reports the checks made
 * before its checkpoint (and makes again, identically, those after it).
 * @param name what the log lines call the check (`exchange`, `polish`).
 */
export function recordedJumps<R extends JumpRecord>(
  name: string,
  file: string,
  outDir: string,
  resumedAt: number | undefined,
  at: ReadonlySet<number>,
  check: (step: number, design: number[]) => R | undefined,
  describe: (r: R) => string,
  progress: ProgressReporter,
): { jump: JumpHook; records: R[] } {
  const path = join(outDir, 'checkpoint', file);
  const saved = resumedAt !== undefined && existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as R[]) : [];
  const records = saved.filter((r) => r.step <= (resumedAt ?? 0));
  const jump: JumpHook = (step, design) => {
    if (!at.has(step)) return undefined;
    const r = check(step, design());
    if (r === undefined) {
      progress.log(`${name} at step ${step} skipped: the simulator has no independent EIG (evaluate.method)`);
      return undefined;
    }
    records.push(r);
    writeFileAtomic(path, `${JSON.stringify(records)}\n`);
    progress.log(`${name} at step ${step}: ${describe(r)} → ${r.accepted ? 'jump' : 'keep'}`);
    return r.accepted ? r.to : undefined;
  };
  return { jump, records };
}

/** Runs `hooks` in order after a step, each from the design the previous one jumped to. */
export function chainJumps(...hooks: JumpHook[]): JumpHook {
  return (step, design) => {
    let jumped: number[] | undefined;
    for (const h of hooks) {
      const current = jumped;
      jumped = h(step, current ? () => current : design) ?? jumped;
    }
    return jumped;
  };
}

/** A design for log lines: `[0.32, 4.73, …]`. */
export const fmtDesign = (d: readonly number[]): string => `[${d.map((v) => v.toFixed(2)).join(', ')}]`;
