/**
 * Markdown tables of SIR policy runs (docs/adaptive-sir.md) from their `result.json` and, when
 * present, `evaluate.json` (bound of the first t measurements):
 * tsx packages/adaptive/scripts/sirTable.ts [--plot <dir>] <run dir> [<run dir> …]
 * Baselines are listed once, from the first run that has them. `--plot <dir>`: one bound-vs-t.png of
 * every policy and baseline (from the runs' `evaluate.json`) in <dir>.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeBoundVsTPlot, type FreshCriticSummary, type ImplicitEvaluation, type PolicyTrainResult } from '../src/index.js';

const pm = (b?: { mean: number; stderr: number }): string => (b ? `${b.mean.toFixed(3)} ± ${b.stderr.toFixed(3)}` : '–');
const rows: string[] = [];
const negatives = new Set<number>();
const byT: string[] = ['| policy | t = 1 | 2 | 3 | 4 | 5 |', '|---|---|---|---|---|---|'];
const seen = new Set<string>();
const args = process.argv.slice(2);
const plotAt = args[0] === '--plot' ? args[1] : undefined;
const curves: ImplicitEvaluation[] = [];
for (const dir of plotAt ? args.slice(2) : args) {
  const r = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as PolicyTrainResult;
  negatives.add(r.freshCritic!.negatives);
  const ev = existsSync(join(dir, 'evaluate.json')) ? (JSON.parse(readFileSync(join(dir, 'evaluate.json'), 'utf8')) as { freshCritic: FreshCriticSummary }).freshCritic : undefined;
  r.freshCritic!.results.forEach((e, i) => {
    const name = i === 0 ? `${e.name} (${r.objective})` : e.name;
    if (i > 0 && seen.has(name)) return;
    seen.add(name);
    const how = i === 0 ? `${r.objective}, ${r.critic} critic` : e.name === 'static' ? `${r.objective} (${r.objective} run)` : 'fixed';
    rows.push(`| ${name} | ${how} | ${i === 0 ? `${r.steps} (${r.trainSeconds} s, ${r.stepsPerSecond}/s)${r.best ? `, keep-best step ${r.best.step}` : ''}` : '–'} | ${pm(e.infonce)} | ${pm(e.nwj)} |`);
    const t = ev?.results.find((x) => x.name === e.name)?.byT;
    if (t && t.length > 1) {
      byT.push(`| ${name} | ${t.map((b) => `${b.mean.toFixed(2)} ± ${b.stderr.toFixed(2)}`).join(' | ')} |`);
      curves.push({ ...e, name, byT: t });
    }
  });
}
const k = [...negatives].map((n) => n.toLocaleString('en')).join(' / ');
console.log([`| policy | trained by | steps (s, steps/s) | InfoNCE (K = ${k}) | NWJ |`, '|---|---|---|---|---|', ...rows].join('\n'));
if (byT.length > 2) console.log(`\n${byT.join('\n')}`);
if (plotAt && curves.length > 0) console.log(await writeBoundVsTPlot(plotAt, curves, 'SIR (T = 5)'));
