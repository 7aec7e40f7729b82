import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineChart } from './lineChart.js';
import { renderChart } from './renderChart.js';

describe('renderChart', () => {
  it('writes the spec, an SVG with the title and rule label, and a PNG', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plot-'));
    const data = [0, 1, 2, 3].map((step) => ({ step, bound: step / 2, series: 'bound' }));
    const files = await renderChart(
      lineChart({ title: 'Bound vs step', data, x: 'step', y: 'bound', color: 'series', rules: [{ y: 1.2, label: 'analytic EIG' }] }),
      join(dir, 'bound'),
    );
    const svg = readFileSync(files.svg, 'utf8');
    expect(svg).toContain('Bound vs step');
    expect(svg).toContain('analytic EIG');
    const png = readFileSync(files.png);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(existsSync(files.spec)).toBe(true);
  });
});
