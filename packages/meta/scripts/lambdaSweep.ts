// λ sweep of Meta-FLO (specs/meta-learning.md §6.5). Two modes:
//
//   run:      npx tsx packages/meta/scripts/lambdaSweep.ts --config configs/sine-metaflo.yaml --preset ci \
//               --lambdas 0,1e-3,1e-2,1e-1,1 --seeds 0 [--iterations N] [--backend wasm] --out runs/meta-lambda
//             trains one Meta-FLO per (λ, seed) one after the other, writes each run's folder
//             (<out>/lambda-<λ>-seed-<s>/, the same files as `infobed meta`), then the sweep.
//   assemble: npx tsx packages/meta/scripts/lambdaSweep.ts --assemble --out runs/meta-lambda DIR...
//             re-reads result folders (e.g. from `infobed meta --method metaflo --lambda λ --out DIR`)
//             and writes only the sweep.
//
// Output: <out>/lambda-sweep.csv (every K; λ, seed, mean, CI95, end validation MSE and Î_FLO,
// iterations, seconds, backend) and <out>/lambda-sweep.{vl.json,svg,png}.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Rng, selectBackend, type BackendPreference } from '@infobed/core';
import { loadMetaConfig, readMetaResult, runMeta, writeLambdaSweep, writeMetaOutputs, type MetaResult } from '../src/index.js';

const { values: a, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    config: { type: 'string', default: 'configs/sine-metaflo.yaml' },
    preset: { type: 'string' },
    lambdas: { type: 'string', default: '0,1e-3,1e-2,1e-1,1' },
    seeds: { type: 'string', default: '0' },
    iterations: { type: 'string' },
    backend: { type: 'string' },
    out: { type: 'string', default: 'runs/meta-lambda' },
    shots: { type: 'string', default: '3,10' },
    assemble: { type: 'boolean', default: false },
  },
});
const list = (s: string): number[] => s.split(',').map((v) => {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new Error(`not a number: ${JSON.stringify(v)}`);
  return n;
});
const out = resolve(a.out!);
const shots = list(a.shots!);

let results: MetaResult[];
if (a.assemble) {
  results = positionals.map((d) => readMetaResult(resolve(d)));
} else {
  results = [];
  for (const seed of list(a.seeds!)) {
    for (const lambda of list(a.lambdas!)) {
      const over: Record<string, unknown> = { method: 'metaflo', seed, metaflo: { lambda } };
      if (a.iterations !== undefined) over.training = { iterations: list(a.iterations)[0] };
      if (a.backend !== undefined) over.backend = a.backend;
      const config = loadMetaConfig(resolve(a.config!), a.preset, over);
      if (results.length === 0) await selectBackend(config.backend as BackendPreference);
      const dir = join(out, `lambda-${lambda}-seed-${seed}`);
      const r = await runMeta(config, new Rng(seed));
      await writeMetaOutputs(r, dir);
      const k = r.mse.filter((m) => shots.includes(m.shots)).map((m) => `K=${m.shots} ${m.mean.toFixed(3)} ± ${m.ci95.toFixed(3)}`).join(', ');
      console.log(`λ = ${lambda}, seed ${seed}: ${r.iterations} iterations, ${r.seconds} s, ${r.backend}; ${k}; Î_FLO end ${r.curve.at(-1)?.mi?.toFixed(3)} → ${dir}`);
      results.push(r);
    }
  }
}
await writeLambdaSweep(results, out, shots);
console.log(`λ sweep: ${join(out, 'lambda-sweep.csv')}, ${join(out, 'lambda-sweep.png')}`);
