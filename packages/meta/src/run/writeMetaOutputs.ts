import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BedError, writeFileAtomic } from '@infobed/core';
import { renderChart } from '@infobed/plot';
import type { ExampleFit, MseRow } from './evaluateLearner.js';
import { MetaConfigSchema } from './MetaConfigSchema.js';
import {
  adaptationCurveChart,
  adaptationSeries,
  fitsChart,
  lambdaSweepChart,
  lambdaSweepRows,
  mseVsShotsChart,
  shotSeries,
  trainingCurveChart,
} from './metaPlots.js';
import type { CurvePoint, MetaResult } from './runMeta.js';

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
 * Writes `config.resolved.json`, `mse.csv`, `curve.csv`, `examples.json`, the plots
 * `mse-vs-shots`, `training-curve`, `fits` (`.vl.json`, `.svg`, `.png`) and last `result.json` into `outDir`.
 * Returns the written file names.
 */
export async function writeMetaOutputs(r: MetaResult, outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  const put = (name: string, text: string): void => {
    writeFileAtomic(join(outDir, name), text);
    files.push(name);
  };
  put('config.resolved.json', JSON.stringify(r.config, null, 2) + '\n');
  put('mse.csv', csv(['method', 'shots', 'steps', 'mean', 'std', 'ci95', 'tasks'], r.mse.map((m) => [r.method, m.shots, m.steps ?? '', m.mean, m.std, m.ci95, m.tasks])));
  put('curve.csv', curveCsv(r.curve));
  put('examples.json', JSON.stringify(r.examples) + '\n');
  const tag = `${r.method}, ${r.iterations} iterations, seed ${r.seed}`;
  const charts: [string, Record<string, unknown>][] = [
    ['mse-vs-shots', mseVsShotsChart(shotSeries(r, [0, 1, 10]), `Test MSE vs shots (${tag})`)],
    ['training-curve', trainingCurveChart([{ method: r.method, curve: r.curve }], `Meta-training (${tag})`)],
  ];
  if (r.examples.length > 0) charts.push(['fits', fitsChart(r.examples, `Held-out tasks, K = ${r.examples[0]!.shots} (${tag})`)]);
  if (r.mse.some((m) => m.steps !== undefined)) charts.push(['adaptation-curve', adaptationCurveChart(adaptationSeries([r]), `Test MSE vs inner steps (${tag})`)]);
  for (const [name, spec] of charts) {
    const c = await renderChart(spec, join(outDir, name));
    files.push(...[c.spec, c.svg, c.png].map((f) => f.slice(outDir.length + 1)));
  }
  // Last: its presence means every other file is complete (a plot failure leaves no result.json).
  put('result.json', JSON.stringify(resultDocument(r), null, 2) + '\n');
  return files;
}

const curveCsv = (curve: readonly CurvePoint[]): string =>
  csv(['iteration', 'validation_mse', 'train_loss', 'flo_mi'], curve.map((p) => [p.iteration, p.validationMse, Number.isNaN(p.trainLoss) ? '' : p.trainLoss, p.mi ?? '']));

/**
 * After a numerical failure (`BedError('numerical')` from `runMeta`, whose cause carries the curve
 * so far): writes `curve.csv` up to the last good evaluation and `last-good.json`
 * (`{ error, lastGood: { iteration, validationMse } | null }`). Never `result.json`.
 */
export function writeMetaFailure(error: BedError, outDir: string): void {
  const cause = error.cause as { curve?: CurvePoint[] } | undefined;
  const curve = cause?.curve ?? [];
  if (curve.length > 0) writeFileAtomic(join(outDir, 'curve.csv'), curveCsv(curve));
  const last = curve.at(-1);
  writeFileAtomic(join(outDir, 'last-good.json'), `${JSON.stringify({ error: error.message, lastGood: last ? { iteration: last.iteration, validationMse: last.validationMse } : null }, null, 2)}\n`);
}

/**
 * Writes the cross-method comparison: `compare-mse-vs-shots`, `compare-training-curve`,
 * `compare-fits`, `compare-adaptation` (MAML / FOMAML test MSE vs inner steps 0…N per K, Meta-FLO
 * and CNP as horizontal lines) and `compare.csv`.
 */
export async function writeMetaComparison(results: MetaResult[], outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const rows = results.flatMap((r) => shotSeries(r));
  await renderChart(mseVsShotsChart(rows, 'Test MSE vs shots: every method, same 600 test tasks'), join(outDir, 'compare-mse-vs-shots'));
  await renderChart(trainingCurveChart(results.map((r) => ({ method: r.method, curve: r.curve })), 'Meta-training curves'), join(outDir, 'compare-training-curve'));
  const examples = results[0]?.examples.map((e, t) => ({ ...e, fits: Object.assign({}, ...results.map((r) => r.examples[t]?.fits ?? {})) as Record<string, number[]> }));
  if (examples && examples.length > 0) await renderChart(fitsChart(examples, `Held-out tasks, K = ${examples[0]!.shots}: every method, same supports`), join(outDir, 'compare-fits'));
  const adaptation = adaptationSeries(results);
  if (adaptation.curves.length > 0) {
    const its = [...new Set(results.map((r) => r.iterations))].join('/');
    await renderChart(adaptationCurveChart(adaptation, `Test MSE vs inner SGD steps (${its} iterations; same 600 test tasks)`), join(outDir, 'compare-adaptation'));
  }
  writeFileAtomic(
    join(outDir, 'compare.csv'),
    csv(['method', 'shots', 'steps', 'mean', 'ci95', 'tasks', 'iterations', 'seconds', 'parameters'], results.flatMap((r) => r.mse.map((m) => [r.method, m.shots, m.steps ?? '', m.mean, m.ci95, m.tasks, r.iterations, r.seconds, r.parameters]))),
  );
}

/**
 * Writes a λ sweep from Meta-FLO / CNP results (one per λ and seed): `lambda-sweep.csv` (every K)
 * and the plot `lambda-sweep` (test MSE at K = `shots` vs λ, Î_FLO at the end vs λ).
 */
export async function writeLambdaSweep(results: MetaResult[], outDir: string, shots: readonly number[] = [3, 10]): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const rows = lambdaSweepRows(results).sort((a, b) => a.lambda - b.lambda || a.seed - b.seed || a.shots - b.shots);
  if (rows.length === 0) throw new BedError('invalidArgument', 'writeLambdaSweep: no metaflo or cnp results');
  const meta = new Map(results.map((r) => [`${r.method === 'cnp' ? 0 : r.config.metaflo.lambda}/${r.seed}`, r]));
  writeFileAtomic(
    join(outDir, 'lambda-sweep.csv'),
    csv(
      ['lambda', 'seed', 'shots', 'mean', 'ci95', 'validation_mse_end', 'flo_mi_end', 'iterations', 'seconds', 'backend'],
      rows.map((w) => {
        const r = meta.get(`${w.lambda}/${w.seed}`)!;
        return [w.lambda, w.seed, w.shots, w.mean, w.ci95, w.validationEnd, w.miEnd, r.iterations, r.seconds, r.backend];
      }),
    ),
  );
  const r0 = results[0]!;
  const widths = `[${r0.config.metaflo.hidden.join(', ')}], d = ${r0.config.metaflo.embedDim}`;
  await renderChart(lambdaSweepChart(rows, `Meta-FLO λ sweep (${widths}, ${r0.iterations} iterations, 600 test tasks)`, shots), join(outDir, 'lambda-sweep'));
}

/**
 * Reads a result folder written by `writeMetaOutputs` back into a `MetaResult` (for re-plotting
 * and sweeps without re-training). `invalidArgument` naming the folder when a file is missing.
 */
export function readMetaResult(dir: string): MetaResult {
  const read = (name: string): unknown => {
    try {
      return JSON.parse(readFileSync(join(dir, name), 'utf8'));
    } catch (cause) {
      throw new BedError('invalidArgument', `${dir}: cannot read ${name} (${(cause as Error).message.split('\n')[0]})`, { cause });
    }
  };
  const doc = read('result.json') as Omit<MetaResult, 'config' | 'examples'>;
  return {
    ...doc,
    // JSON has no NaN: the first curve point's train loss comes back as null.
    curve: doc.curve.map((p) => ({ ...p, trainLoss: p.trainLoss ?? Number.NaN })),
    mse: doc.mse,
    examples: read('examples.json') as ExampleFit[],
    config: MetaConfigSchema.parse(read('config.resolved.json')),
  };
}
