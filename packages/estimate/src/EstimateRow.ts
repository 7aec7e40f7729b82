/** One benchmark row: one objective on one task (or truth level), over all runs. MI values in nats. */
export interface EstimateRow {
  readonly objective: string;
  readonly critic: string;
  /** Where the critic came from: named by the user, the objective's own default, or the general `critic`. */
  readonly criticSource: string;
  /** Task label, e.g. `gaussian-d10-mi2` (stepwise schedule) or `multinormal-dense-5x5`. */
  readonly task: string;
  readonly dim: number;
  /** `none` | `cubic` for the stepwise Gaussian schedule; `-` for benchmark tasks (see `task`). */
  readonly transform: string;
  readonly trueMi: number;
  /** Mean of the per-step training-batch `mi` over the averaging window, pooled over runs. */
  readonly estimate: number;
  readonly bias: number;
  /** Standard deviation of those per-step values (pooled over runs). */
  readonly std: number;
  /** Standard deviation over runs (seeds) of each run's window-mean estimate (0 for one run). */
  readonly estimateSd: number;
  /** Mean over runs of the held-out estimate (the objective's `mi` on `heldOut` fresh pairs after the stage); NaN when off. */
  readonly heldOut: number;
  readonly heldOutBias: number;
  /** Standard deviation over runs (seeds) of the held-out estimate (0 for one run). */
  readonly heldOutSd: number;
  /** Mean over runs of the InfoNCE bound of the same scores (a valid bound even for plug-ins). */
  readonly bound: number;
  readonly runs: number;
  /** Adam learning rate and steps per stage this objective trained with (an objective entry may set its own). */
  readonly lr: number;
  /** `constant` or `cosine` (annealed from `lr` within each stage). */
  readonly lrSchedule: string;
  readonly stepsPerStage: number;
  /** Decay of the weight average the held-out estimate read the critic with (`emaDecay`); absent when off. */
  readonly emaDecay?: number;
  readonly stepsPerSecond: number;
  /** Training seconds of the runs that produced this row (every stage of the schedule; all runs). */
  readonly seconds: number;
  readonly backend: string;
  /**
   * Runs that stopped with a numerical error (non-finite value, e.g. FLO overflow) at or before this
   * stage; the statistics above are over the other runs (NaN when every run diverged).
   */
  readonly diverged: number;
  /** The first such error's message (set when `diverged` > 0). */
  readonly error?: string;
  /** The objective's options as given (rows of one id with different options differ here). */
  readonly options: Readonly<Record<string, unknown>>;
}

const COLUMNS: readonly (keyof EstimateRow)[] = [
  'objective', 'critic', 'criticSource', 'task', 'dim', 'transform', 'trueMi', 'estimate', 'bias', 'std', 'estimateSd', 'heldOut', 'heldOutBias', 'heldOutSd', 'bound', 'runs', 'lr', 'lrSchedule', 'stepsPerStage', 'emaDecay', 'diverged', 'stepsPerSecond', 'seconds', 'backend', 'error', 'options',
];

/** Rows as CSV (header + one line per row; text fields quoted when needed). */
export function estimateRowsToCsv(rows: readonly EstimateRow[]): string {
  const cell = (v: unknown): string => {
    if (v === undefined) return '';
    if (typeof v === 'object') v = JSON.stringify(v);
    const s = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(6)) : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}
