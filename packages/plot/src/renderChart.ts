import { Resvg } from '@resvg/resvg-js';
import { writeFileAtomic } from '@infobed/core';
import * as vega from 'vega';
import * as vl from 'vega-lite';

/** A vega-lite spec (top-level). Data inline (`data.values`). */
export type VegaLiteSpec = Record<string, unknown>;

/** Files written for one chart. */
export interface ChartFiles {
  readonly spec: string;
  readonly svg: string;
  readonly png: string;
}

const FONT = 'DejaVu Sans';

/**
 * Renders a vega-lite spec headless (vega `renderer: 'none'` → SVG, then resvg → PNG at 2×) and
 * writes `<base>.vl.json`, `<base>.svg`, `<base>.png` atomically. Explicit fonts, or resvg drops
 * the text.
 */
export async function renderChart(spec: VegaLiteSpec, base: string): Promise<ChartFiles> {
  const full = { config: { font: FONT, background: 'white' }, ...spec };
  const compiled = vl.compile(full as unknown as vl.TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const png = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    font: { loadSystemFonts: true, defaultFontFamily: FONT, sansSerifFamily: FONT },
  })
    .render()
    .asPng();
  const files = { spec: `${base}.vl.json`, svg: `${base}.svg`, png: `${base}.png` };
  writeFileAtomic(files.spec, JSON.stringify(full, null, 1));
  writeFileAtomic(files.svg, svg);
  writeFileAtomic(files.png, png);
  return files;
}
