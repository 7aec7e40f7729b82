// Re-draws the `--method all` comparison (compare-*.png, compare.csv, compare-adaptation) from the
// per-method folders of an earlier `infobed meta --method all --out DIR` run, without re-training:
//   npx tsx packages/meta/scripts/replotComparison.ts DIR
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { META_METHODS, readMetaResult, writeMetaComparison } from '../src/index.js';

const dir = resolve(process.argv[2] ?? 'runs/meta');
const results = META_METHODS.filter((m) => existsSync(join(dir, m, 'result.json'))).map((m) => readMetaResult(join(dir, m)));
await writeMetaComparison(results, dir);
console.log(`re-plotted ${results.map((r) => r.method).join(', ')} → ${dir}`);
