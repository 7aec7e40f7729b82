import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@infobed/core';
import { renderChart } from '@infobed/plot';
import type { MseRow } from './evaluateLearner.js';
import { fitsChart, mseVsShotsChart, shotSeries, trainingCurveChart } from './metaPlots.js';
import type { MetaResult } from './runMeta.js';

const csv = (header: string[], rows: unknown[][]): string => [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n';

/** The `result.json` document of `infobed meta` (specs/cli.md) plus seed, std, parameters and the curve. */
export function resultDocument(r: MetaResult): Record<string, unknown> {
  return {
    method: r.method,
    backend: r.backend,
    iterations: r.iterations,
    seconds: r.seconds,
    seed: r.seed,
    testSeed: r.testSeed,
    parameters: r.parameters,
    mse: r.mse.map((m: MseRow) => ({ shots: m.shots, ...(m.steps !== undefined ? { steps: m.steps } : {}), mean: m.mean, std: m.std, ci95: m.ci95, tasks: m.tasks })),
    reference: r.reference,
    curve: r.curve,
  };
}

/**
 * Writes `result.json`, `config.resolved.json`, `mse.csv`, `curve.csv`, `examples.json` and the
 * plots `mse-vs-shots`, `training-curve`, `fits` (`.vl.json`, `.svg`, `.png`) into `outDir`.
 * Returns the written file names.
 */
export async function writeMetaOutputs(r: MetaResult, outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  const put = (name: string, text: string): void => {
    writeFileAtomic(join(outDir, name), text);
    files.push(name);
  };
  put('result.json', JSON.stringify(resultDocument(r), null, 2) + '\n');
  put('config.resolved.json', JSON.stringify(r.config, null, 2) + '\n');
  put('mse.csv', csv(['method', 'shots', 'steps', 'mean', 'std', 'ci95', 'tasks'], r.mse.map((m) => [r.method, m.shots, m.steps ?? '', m.mean, m.std, m.ci95, m.tasks])));
  put('curve.csv', csv(['iteration', 'validation_mse', 'train_loss', 'flo_mi'], r.curve.map((p) => [p.iteration, p.validationMse, Number.isNaN(p.trainLoss) ? '' : p.trainLoss, p.mi ?? ''])));
  put('examples.json', JSON.stringify(r.examples) + '\n');
  const tag = `${r.method}, ${r.iterations} iterations, seed ${r.seed}`;
  const charts: [string, Record<string, unknown>][] = [
    ['mse-vs-shots', mseVsShotsChart(shotSeries(r, [0, 1, 10]), `Test MSE vs shots (${tag})`)],
    ['training-curve', trainingCurveChart([{ method: r.method, curve: r.curve }], `Meta-training (${tag})`)],
  ];
  if (r.examples.length > 0) charts.push(['fits', fitsChart(r.examples, `Held-out tasks, K = ${r.examples[0]!.shots} (${tag})`)]);
  for (const [name, spec] of charts) {
    const c = await renderChart(spec, join(outDir, name));
    files.push(...[c.spec, c.svg, c.png].map((f) => f.slice(outDir.length + 1)));
  }
  return files;
}

/** Writes the cross-method comparison (`compare-mse-vs-shots`, `compare-training-curve`, `compare-fits`, `compare.csv`). */
export async function writeMetaComparison(results: MetaResult[], outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const rows = results.flatMap((r) => shotSeries(r));
  await renderChart(mseVsShotsChart(rows, 'Test MSE vs shots: every method, same 600 test tasks'), join(outDir, 'compare-mse-vs-shots'));
  await renderChart(trainingCurveChart(results.map((r) => ({ method: r.method, curve: r.curve })), 'Meta-training curves'), join(outDir, 'compare-training-curve'));
  const examples = results[0]?.examples.map((e, t) => ({ ...e, fits: Object.assign({}, ...results.map((r) => r.examples[t]?.fits ?? {})) as Record<string, number[]> }));
  if (examples && examples.length > 0) await renderChart(fitsChart(examples, `Held-out tasks, K = ${examples[0]!.shots}: every method, same supports`), join(outDir, 'compare-fits'));
  writeFileAtomic(
    join(outDir, 'compare.csv'),
    csv(['method', 'shots', 'steps', 'mean', 'ci95', 'tasks', 'iterations', 'seconds', 'parameters'], results.flatMap((r) => r.mse.map((m) => [r.method, m.shots, m.steps ?? '', m.mean, m.ci95, m.tasks, r.iterations, r.seconds, r.parameters]))),
  );
}
