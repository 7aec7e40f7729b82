/**
 * The model × objective results table of docs/simulators.md: runs `infobed design` for every
 * model and objective (plus the PK baselines through `infobed evaluate`), then renders the table
 * from the runs' `result.json` / `evaluate.json` files. Run from the repository root:
 *
 *   npx tsx packages/evaluate/scripts/resultsTable.ts run   [--out runs/table] [--models a,b] [--objectives x,y] [--seed 0]
 *     (objectives default to the four of the table; `flo-bilinear` = FLO with the bilinear critic)
 *   npx tsx packages/evaluate/scripts/resultsTable.ts table [--out runs/table]
 *
 * `run` skips runs whose result file exists (resumable) and runs each job at `nice -n 15`. The
 * budgets below are the table's (smaller than some configs' defaults where noted); everything
 * else comes from `configs/<model>.yaml`. Each run's config is written beside it as JSON (valid
 * YAML) with the objective replaced, options and all (the config's own objective options belong
 * to `infonce-anchor`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '@infobed/core';
import { loadDesignConfig } from '@infobed/design';
import type { EigEstimate as Eig } from '../src/EigEstimate.js';

interface ModelSpec {
  readonly config: string;
  /** Overrides of the config's `design:` section (the table's budget). */
  readonly design?: Record<string, number>;
  readonly evaluate?: { method: string; outer?: number; inner?: number };
  /** Ground truth or reference, printed in the table. */
  readonly truth: string;
  readonly simulatorOptions?: Record<string, unknown>;
}

const EVAL_BUDGET = { outer: 1000, inner: 5000 };

export const MODELS: Record<string, ModelSpec> = {
  'noisy-linear': { config: 'configs/noisy-linear.yaml', design: { steps: 1500, finalCriticSteps: 500 }, evaluate: { method: 'spce', ...EVAL_BUDGET }, truth: '3.504 ± 0.032 at the optimum (quadrature)' },
  'linear-gaussian': { config: 'configs/linear-gaussian.yaml', design: { steps: 1000, finalCriticSteps: 300 }, evaluate: { method: 'analytic' }, truth: '3.0557 at the optimum (closed form)' },
  pharmacokinetic: { config: 'configs/pharmacokinetic.yaml', evaluate: { method: 'spce', ...EVAL_BUDGET }, truth: 'best static known 3.15 ± 0.05; equal interval 2.67 ± 0.04' },
  sir: { config: 'configs/sir.yaml', design: { steps: 1000, finalCriticSteps: 250, batch: 128 }, truth: 'none (no likelihood); MINEBED static curves 1.0–2.5' },
  'sir-vs-seir': { config: 'configs/sir-vs-seir.yaml', design: { steps: 1000, finalCriticSteps: 250, batch: 128 }, truth: '≤ log 2 = 0.693 (no likelihood)' },
};

export const OBJECTIVES = ['infonce-anchor', 'flo', 'nwj', 'infonce'] as const;
/** Extra rows: `<objective>-<critic>` runs the objective with another critic (same options). */
export const VARIANTS = ['flo-bilinear'] as const;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

function runCli(args: string[], log: string): { code: number; seconds: number } {
  const t0 = Date.now();
  const r = spawnSync('nice', ['-n', '15', 'npx', 'tsx', 'packages/cli/src/bin.ts', ...args, '--quiet', '--json', '--backend', 'wasm'], { encoding: 'utf8' });
  writeFileSync(log, `${r.stdout}\n${r.stderr}`);
  return { code: r.status ?? 1, seconds: (Date.now() - t0) / 1000 };
}

function runDesigns(out: string, models: string[], objectives: string[], seed: number): void {
  for (const model of models) {
    const spec = MODELS[model]!;
    for (const objective of objectives) {
      const dir = join(out, `${model}--${objective}`);
      if (existsSync(join(dir, 'result.json'))) continue;
      mkdirSync(dir, { recursive: true });
      const { presets: _p, ...c } = loadDesignConfig(spec.config);
      const [objectiveId, criticId] = objective.split(/-(?=bilinear$|joint$|separable$)/) as [string, string | undefined];
      const config = {
        ...c,
        objective: objectiveId === c.objective.id ? c.objective : { id: objectiveId, options: {} },
        critic: criticId ? { id: criticId, options: {} } : c.critic, // the other critic's defaults
        design: { ...c.design, ...spec.design },
        ...(spec.evaluate ? { evaluate: { ...c.evaluate, ...spec.evaluate } } : {}),
        seed,
      };
      const file = join(dir, 'config.json');
      writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
      process.stderr.write(`design ${model} · ${objective} … `);
      const r = runCli(['design', '--config', file, '--out', dir], join(dir, 'log.txt'));
      process.stderr.write(`exit ${r.code}, ${r.seconds.toFixed(0)} s\n`);
    }
  }
}

/** PK baselines: the equal-interval design and `n` random designs t = 24·sigmoid(U(−5, 5)) (iDAD sampler). */
function runPkBaselines(out: string, seed: number, n = 10): void {
  const rng = new Rng(seed).fork('pk-random-baseline');
  const designs: [string, number[]][] = [['equal-interval', Array.from({ length: 5 }, (_, i) => 5 / 60 + ((23.9 - 5 / 60) * i) / 4)]];
  for (let i = 0; i < n; i++) designs.push([`random-${i}`, Array.from({ length: 5 }, () => 24 / (1 + Math.exp(-rng.uniformIn(-5, 5))))]);
  designs.push(['best-static-known', [0.5, 0.5, 5, 20, 21]]);
  for (const [name, d] of designs) {
    const dir = join(out, `pharmacokinetic--baseline-${name}`);
    if (existsSync(join(dir, 'evaluate.json'))) continue;
    mkdirSync(dir, { recursive: true });
    process.stderr.write(`evaluate pharmacokinetic ${name} … `);
    const args = ['evaluate', '--config', MODELS.pharmacokinetic!.config, '--design', JSON.stringify(d), '--method', 'spce', '--outer', String(EVAL_BUDGET.outer), '--inner', String(EVAL_BUDGET.inner), '--seed', String(seed), '--out', dir];
    const r = runCli(args, join(dir, 'log.txt'));
    process.stderr.write(`exit ${r.code}, ${r.seconds.toFixed(0)} s\n`);
  }
}

interface DesignResultJson {
  simulator: string;
  objective: string;
  critic: string;
  objectiveReports: string;
  backend: string;
  seed: number;
  steps: number;
  seconds: number;
  design: number[];
  mi: { bound: number; boundStderr: number; estimate: number; estimateStderr: number };
  eig?: Eig;
}

const f3 = (v: number) => v.toFixed(3);
const fmtEig = (e?: Eig) =>
  !e ? '–' : e.method === 'analytic' ? `${f3(e.value)} (closed form)` : e.upper !== undefined ? `${f3(e.value)} ± ${f3(e.stderr)} (sPCE; sNMC ${f3(e.upper)})` : `${f3(e.value)} ± ${f3(e.stderr)} (${e.method})`;
const fmtDesign = (d: number[]) => {
  const s = [...d].sort((a, b) => a - b);
  return s.map((v) => (Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2))).join(', ');
};
const reports: Record<string, string> = { bound: 'own bound', 'other-bound': 'other bound', 'plug-in': 'plug-in' };

/** Markdown of every finished run under `out`, plus the PK baselines (mean ± sd of the random ones). */
export function renderTable(out: string): string {
  const dirs = existsSync(out) ? readdirSync(out).sort() : [];
  const lines = [
    '| model | objective | steps (joint + critic-only), batch | final design (sorted) | bound (lower) | objective reports | independent EIG of the design | truth / reference | seconds | backend |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const model of Object.keys(MODELS)) {
    for (const objective of [...OBJECTIVES, ...VARIANTS]) {
      const dir = join(out, `${model}--${objective}`);
      if (!existsSync(join(dir, 'result.json'))) continue;
      const r = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as DesignResultJson;
      const cfg = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { design: { steps: number; finalCriticSteps: number; batch: number } };
      const est = r.objectiveReports === 'bound' ? '' : `; estimate ${f3(r.mi.estimate)}`;
      lines.push(
        `| ${model} | ${r.critic === 'separable' || r.critic === 'joint' ? objective : `${r.objective} (${r.critic} critic)`} | ${cfg.design.steps} + ${cfg.design.finalCriticSteps}, ${cfg.design.batch} | ${fmtDesign(r.design)} | ${f3(r.mi.bound)} ± ${f3(r.mi.boundStderr)} | ${reports[r.objectiveReports] ?? r.objectiveReports}${est} | ${fmtEig(r.eig)} | ${MODELS[model]!.truth} | ${r.seconds} | ${r.backend} |`,
      );
    }
  }
  const base = dirs.filter((d) => d.startsWith('pharmacokinetic--baseline-') && existsSync(join(out, d, 'evaluate.json')));
  if (base.length > 0) {
    lines.push('', '| PK baseline (same evaluator, same seed) | design (h) | sPCE ± s.e. | sNMC |', '|---|---|---|---|');
    const rand: number[] = [];
    for (const d of base) {
      const e = JSON.parse(readFileSync(join(out, d, 'evaluate.json'), 'utf8')) as { design: number[]; eig: Eig };
      const name = d.slice('pharmacokinetic--baseline-'.length);
      if (name.startsWith('random-')) rand.push(e.eig.value);
      else lines.push(`| ${name} | ${fmtDesign(e.design)} | ${f3(e.eig.value)} ± ${f3(e.eig.stderr)} | ${f3(e.eig.upper ?? Number.NaN)} |`);
    }
    if (rand.length > 1) {
      const m = rand.reduce((a, v) => a + v, 0) / rand.length;
      const sd = Math.sqrt(rand.reduce((a, v) => a + (v - m) ** 2, 0) / (rand.length - 1));
      lines.push(`| random (${rand.length} designs, 24·sigmoid(U(−5, 5))) | – | mean ${f3(m)}, sd ${f3(sd)} across designs (min ${f3(Math.min(...rand))}, max ${f3(Math.max(...rand))}) | – |`);
    }
  }
  return lines.join('\n');
}

const mode = process.argv[2];
const out = arg('out', 'runs/table');
if (mode === 'run') {
  const seed = Number(arg('seed', '0'));
  const models = arg('models', Object.keys(MODELS).join(',')).split(',');
  const objectives = arg('objectives', OBJECTIVES.join(',')).split(',');
  if (models.includes('pharmacokinetic')) runPkBaselines(out, seed);
  runDesigns(out, models, objectives, seed);
  process.stdout.write(`${renderTable(out)}\n`);
} else if (mode === 'table') {
  process.stdout.write(`${renderTable(out)}\n`);
} else {
  process.stderr.write('usage: resultsTable.ts run|table [--out runs/table] [--models a,b] [--objectives x,y] [--seed n]\n');
  process.exitCode = 2;
}
