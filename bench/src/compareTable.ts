/** One workload's steps/s in one round of the interleaved comparison. */
export interface RoundResult {
  readonly round: number;
  readonly workload: string;
  readonly ours: number;
  readonly torch: number;
  readonly oursCpuMs: number;
  readonly torchCpuMs: number;
  readonly load1: number;
}

/** Median of a non-empty list (mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * The comparison table (Markdown): per workload, the median steps/s of each side over the rounds,
 * ours ÷ PyTorch per round and of the medians, and whether the median ratio reaches 1.0.
 */
export function compareTable(rows: readonly RoundResult[], oursLabel: string, torchLabel: string): string {
  const workloads = [...new Set(rows.map((r) => r.workload))];
  const lines = [
    `| workload | ${torchLabel} steps/s (median) | ${oursLabel} steps/s (median) | ratio per round | ratio of medians | CPU ms/step ours / PyTorch (medians) | ≥ 1.0× |`,
    '|---|---|---|---|---|---|---|',
  ];
  for (const w of workloads) {
    const rs = rows.filter((r) => r.workload === w).sort((a, b) => a.round - b.round);
    const t = median(rs.map((r) => r.torch)), o = median(rs.map((r) => r.ours));
    const ratio = o / t;
    lines.push(
      `| ${w} | ${t.toFixed(1)} (${rs.map((r) => r.torch.toFixed(1)).join(' / ')}) | ${o.toFixed(1)} (${rs.map((r) => r.ours.toFixed(1)).join(' / ')}) | ` +
        `${rs.map((r) => (r.ours / r.torch).toFixed(2)).join(' / ')} | ${ratio.toFixed(2)} | ` +
        `${median(rs.map((r) => r.oursCpuMs)).toFixed(1)} / ${median(rs.map((r) => r.torchCpuMs)).toFixed(1)} | ${ratio >= 1 ? 'yes' : 'no'} |`,
    );
  }
  const loads = rows.map((r) => r.load1);
  lines.push('', `load1 during the sitting: ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} (${rows.length / workloads.length} rounds)`);
  return lines.join('\n');
}
