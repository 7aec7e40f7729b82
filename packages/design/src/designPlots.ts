import { lineChart, renderChart } from '@infobed/plot';
import type { DesignRecord } from '@infobed/core';
import { join } from 'node:path';

/**
 * `bound.{svg,png}`: training bound and reported estimate vs step, with the independent EIG of the
 * final design (dashed) and log B (dotted); `designs.{svg,png}`: each design coordinate vs step.
 */
export async function writeDesignPlots(
  outDir: string,
  history: readonly DesignRecord[],
  info: { title: string; objective: string; batch: number; eig?: { value: number; method: string } },
): Promise<string[]> {
  const series = history.flatMap((r) => [
    { step: r.step, value: r.bound, series: 'bound (lower)' },
    { step: r.step, value: r.estimate, series: `estimate (${info.objective})` },
  ]);
  const rules = [{ y: Math.log(info.batch), label: `log B = ${Math.log(info.batch).toFixed(2)}`, dash: [2, 3] }];
  if (info.eig) rules.push({ y: info.eig.value, label: `EIG of final design (${info.eig.method}) = ${info.eig.value.toFixed(3)}`, dash: [6, 4] });
  const bound = await renderChart(
    lineChart({ title: `${info.title}: MI vs step`, data: series, x: 'step', y: 'value', color: 'series', yTitle: 'nats', rules }),
    join(outDir, 'bound'),
  );
  const traj = history.flatMap((r) => r.design.map((d, j) => ({ step: r.step, design: d, coordinate: `d${j + 1}` })));
  const designs = await renderChart(
    lineChart({ title: `${info.title}: design trajectory`, data: traj, x: 'step', y: 'design', color: 'coordinate' }),
    join(outDir, 'designs'),
  );
  return [bound.png, designs.png];
}
