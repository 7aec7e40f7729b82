import type { DesignRecord } from '@infobed/core';

/** `history.csv`: step, phase, loss, bound, estimate, d1…dD. */
export function historyCsv(history: readonly DesignRecord[]): string {
  const dim = history[0]?.design.length ?? 0;
  const head = ['step', 'phase', 'loss', 'bound', 'estimate', ...Array.from({ length: dim }, (_, j) => `d${j + 1}`)].join(',');
  const rows = history.map((r) => [r.step, r.phase, r.loss, r.bound, r.estimate, ...r.design].join(','));
  return `${[head, ...rows].join('\n')}\n`;
}
