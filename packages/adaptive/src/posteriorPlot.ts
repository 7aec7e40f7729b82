import { join } from 'node:path';
import { renderChart, type ChartFiles } from '@infobed/plot';

/**
 * `posterior` chart: one panel per parameter (own bins), normalised histograms (share of each source's draws) of posterior draws for each
 * source (the critic's, the exact-likelihood reference), and the true θ as a vertical rule.
 * @param sources name → `[R][p]` draws; @param truth `[p]` or undefined.
 */
export async function writePosteriorPlot(outDir: string, names: readonly string[], sources: Record<string, number[][]>, truth: readonly number[] | undefined, title: string): Promise<ChartFiles> {
  const values: { parameter: string; value: number; source: string }[] = [];
  for (const [source, draws] of Object.entries(sources)) for (const d of draws) d.forEach((v, a) => values.push({ parameter: names[a]!, value: v, source }));
  truth?.forEach((v, a) => values.push({ parameter: names[a]!, value: v, source: 'true θ' }));
  // One view per parameter (hconcat, not facet): each view bins its own parameter's range.
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    data: { values },
    hconcat: names.map((name) => ({
      width: 220,
      height: 160,
      title: name,
      transform: [{ filter: { field: 'parameter', equal: name } }],
      layer: [
        {
          // Each source's share of its own draws per bin: sources of different sizes (ABC's few accepted draws) compare.
          transform: [{ filter: "datum.source !== 'true θ'" }, { joinaggregate: [{ op: 'count', as: 'n' }], groupby: ['source'] }, { calculate: '1 / datum.n', as: 'share' }],
          mark: { type: 'bar', opacity: 0.55 },
          encoding: {
            x: { field: 'value', type: 'quantitative', bin: { maxbins: 40 }, title: name },
            y: { aggregate: 'sum', field: 'share', type: 'quantitative', stack: null, title: 'share of draws' },
            color: { field: 'source', type: 'nominal', title: null, legend: { labelLimit: 300 } },
          },
        },
        {
          transform: [{ filter: "datum.source === 'true θ'" }],
          mark: { type: 'rule', color: 'black', strokeWidth: 2 },
          encoding: { x: { field: 'value', type: 'quantitative' } },
        },
      ],
    })),
  };
  return renderChart(spec, join(outDir, 'posterior'));
}
