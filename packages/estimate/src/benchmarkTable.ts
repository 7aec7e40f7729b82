import type { EstimateRow } from './EstimateRow.js';

const f2 = (v: number): string => (Number.isFinite(v) ? v.toFixed(2) : 'NaN');

/**
 * Markdown table of a task benchmark: one line per task (true MI), one column per objective
 * (critic); each cell the held-out estimate as mean ± sd over runs (seeds), or the training-batch
 * estimate when held-out is off; a last line with each objective's training seconds (all tasks,
 * all runs). Bias = cell − true MI. Runs that hit a non-finite value are counted, not averaged:
 * `diverged (3/3)`, or `0.41 ± 0.03 (1/3 diverged)` over the finite runs.
 */
export function benchmarkTable(rows: readonly EstimateRow[]): string {
  const columns = [...new Set(rows.map((r) => `${r.objective} (${r.critic})`))];
  const tasks = [...new Set(rows.map((r) => r.task))];
  const cell = (r: EstimateRow | undefined): string => {
    if (r === undefined) return '';
    if (r.diverged >= r.runs) return `diverged (${r.diverged}/${r.runs})`;
    // One finite run left: no spread to show.
    const spread = (sdv: number): string => (r.runs - r.diverged > 1 || r.diverged === 0 ? ` ± ${f2(sdv)}` : '');
    const value = Number.isFinite(r.heldOut) ? `${f2(r.heldOut)}${spread(r.heldOutSd)}` : `${f2(r.estimate)}${spread(r.estimateSd)}`;
    return r.diverged > 0 ? `${value} (${r.diverged}/${r.runs} diverged)` : value;
  };
  const find = (task: string, col: string) => rows.find((r) => r.task === task && `${r.objective} (${r.critic})` === col);
  const lines = [
    `| task | true MI | ${columns.join(' | ')} |`,
    `|---|---|${columns.map(() => '---').join('|')}|`,
    ...tasks.map((t) => `| ${t} | ${rows.find((r) => r.task === t)!.trueMi.toFixed(3)} | ${columns.map((c) => cell(find(t, c))).join(' | ')} |`),
    `| seconds (all tasks, all runs) | | ${columns.map((c) => rows.filter((r) => `${r.objective} (${r.critic})` === c).reduce((a, r) => a + r.seconds, 0).toFixed(0)).join(' | ')} |`,
  ];
  return `${lines.join('\n')}\n`;
}
