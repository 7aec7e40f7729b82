import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@infobed/core';
import { summarise, type Summary } from './ci95.js';
import { readMetric } from './metricPath.js';
import { cellResultFile, readPlan } from './sweepPlan.js';

/** One row of the collected table: a grid point (every axis but `seed`) and its metrics over seeds. */
export interface SweepRow {
  readonly group: Readonly<Record<string, string | number | boolean>>;
  readonly cells: readonly string[];
  readonly seeds: readonly (string | number | boolean)[];
  readonly metrics: Readonly<Record<string, Summary & { readonly values: readonly number[] }>>;
}

export interface SweepTable {
  readonly description?: string;
  readonly command: string;
  readonly axes: readonly string[];
  readonly metrics: readonly string[];
  readonly cells: number;
  readonly completed: number;
  /** Cells without `result.json` (not run, failed, or still running). */
  readonly missing: readonly string[];
  /** Finished cells that were completed more than once by the executors (`completions.jsonl`). */
  readonly duplicated: readonly string[];
  readonly rows: readonly SweepRow[];
}

const fmt = (x: number, d = 3): string => (Number.isFinite(x) ? x.toFixed(d) : '–');

/**
 * Reads every cell's `result.json` (`evaluate.json` for evaluate cells) in a sweep folder and averages each metric over seeds (the
 * `seed` axis), per grid point: mean, sample sd and CI95 = t₀.₉₇₅,ₙ₋₁ · sd / √n.
 */
export function collectSweep(sweepDir: string): SweepTable {
  const plan = readPlan(sweepDir);
  const axes = Object.keys(plan.config.grid).filter((a) => a !== 'seed');
  const missing: string[] = [];
  const groups = new Map<string, { group: Record<string, string | number | boolean>; cells: string[]; seeds: (string | number | boolean)[]; docs: unknown[] }>();
  for (const cell of plan.cells) {
    const file = cellResultFile(sweepDir, cell);
    if (!existsSync(file)) {
      missing.push(cell.id);
      continue;
    }
    const group = Object.fromEntries(axes.map((a) => [a, cell.axes[a]!]));
    const key = JSON.stringify(group);
    const g = groups.get(key) ?? { group, cells: [], seeds: [], docs: [] };
    g.cells.push(cell.id);
    g.seeds.push(cell.axes.seed ?? '(default)');
    g.docs.push(JSON.parse(readFileSync(file, 'utf8')));
    groups.set(key, g);
  }
  const rows = [...groups.values()].map((g) => ({
    group: g.group,
    cells: g.cells,
    seeds: g.seeds,
    metrics: Object.fromEntries(
      plan.config.metrics.map((m) => {
        const values = g.docs.map((d) => readMetric(d, m)).filter((v): v is number => v !== undefined);
        return [m, { ...summarise(values), values }];
      }),
    ),
  }));
  const counts = new Map<string, number>();
  const log = join(sweepDir, 'completions.jsonl');
  if (existsSync(log))
    for (const line of readFileSync(log, 'utf8').split('\n').filter((l) => l.trim() !== '')) {
      const c = (JSON.parse(line) as { cell: string }).cell;
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
  return {
    ...(plan.config.description ? { description: plan.config.description } : {}),
    command: plan.config.command,
    axes,
    metrics: plan.config.metrics,
    cells: plan.cells.length,
    completed: plan.cells.length - missing.length,
    missing,
    duplicated: [...counts].filter(([, n]) => n > 1).map(([c]) => c),
    rows,
  };
}

/** The table as Markdown: one row per grid point, `mean ± CI95 (n)` per metric. */
export function tableMarkdown(t: SweepTable): string {
  const head = [...t.axes, ...t.metrics.map((m) => `${m} (mean ± CI95, n)`)];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of t.rows)
    lines.push(`| ${[...t.axes.map((a) => String(r.group[a])), ...t.metrics.map((m) => { const s = r.metrics[m]!; return `${fmt(s.mean)} ± ${fmt(s.ci95)} (${s.n})`; })].join(' | ')} |`);
  const notes = [`${t.completed} of ${t.cells} cells collected${t.missing.length ? `; missing: ${t.missing.join(', ')}` : ''}.`, 'CI95 = t(0.975, n−1) · sd / √n over seeds.'];
  return `${t.description ? `${t.description}\n\n` : ''}${lines.join('\n')}\n\n${notes.join(' ')}\n`;
}

/** The table as CSV (long format: one line per grid point and metric). */
export function tableCsv(t: SweepTable): string {
  const q = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [[...t.axes, 'metric', 'n', 'mean', 'sd', 'ci95', 'values'].map(q).join(',')];
  for (const r of t.rows)
    for (const m of t.metrics) {
      const s = r.metrics[m]!;
      lines.push([...t.axes.map((a) => String(r.group[a])), m, String(s.n), String(s.mean), String(s.sd), String(s.ci95), s.values.join(' ')].map(q).join(','));
    }
  return `${lines.join('\n')}\n`;
}

/** Writes `table.md`, `table.csv` and `table.json` into the sweep folder (atomically); returns the table. */
export function writeTables(sweepDir: string, t: SweepTable = collectSweep(sweepDir)): SweepTable {
  writeFileAtomic(join(sweepDir, 'table.md'), tableMarkdown(t));
  writeFileAtomic(join(sweepDir, 'table.csv'), tableCsv(t));
  writeFileAtomic(join(sweepDir, 'table.json'), `${JSON.stringify(t, null, 2)}\n`);
  return t;
}
