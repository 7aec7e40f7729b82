import type { VegaLiteSpec } from './renderChart.js';

/** A horizontal reference line (analytic EIG dashed, log B dotted, …). */
export interface RuleSpec {
  readonly y: number;
  readonly label: string;
  readonly dash?: readonly number[];
}

export interface LineChartSpec {
  readonly title: string;
  /** Rows with at least the `x` and `y` fields (and `color` when given). */
  readonly data: readonly Record<string, unknown>[];
  readonly x: string;
  readonly y: string;
  /** Field that splits the data into series. */
  readonly color?: string;
  readonly xTitle?: string;
  readonly yTitle?: string;
  readonly rules?: readonly RuleSpec[];
  readonly width?: number;
  readonly height?: number;
}

/** A vega-lite layered line chart with optional labelled horizontal rules. */
export function lineChart(s: LineChartSpec): VegaLiteSpec {
  const line = {
    data: { values: s.data },
    mark: { type: 'line', strokeWidth: 1.5 },
    encoding: {
      x: { field: s.x, type: 'quantitative', title: s.xTitle ?? s.x },
      y: { field: s.y, type: 'quantitative', title: s.yTitle ?? s.y, scale: { zero: false } },
      ...(s.color ? { color: { field: s.color, type: 'nominal', title: s.color } } : {}),
    },
  };
  const rules = (s.rules ?? []).flatMap((r) => [
    {
      data: { values: [{ y: r.y }] },
      mark: { type: 'rule', strokeDash: r.dash ?? [6, 4], color: '#444' },
      encoding: { y: { field: 'y', type: 'quantitative' } },
    },
    {
      data: { values: [{ y: r.y, label: r.label }] },
      mark: { type: 'text', align: 'left', dx: 4, dy: -6, x: 0, color: '#444', fontSize: 11 },
      encoding: { y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } },
    },
  ]);
  return { title: s.title, width: s.width ?? 520, height: s.height ?? 300, layer: [line, ...rules] };
}
