/**
 * `pnpm bench`: critic-training speed (steps/s) on the canonical workloads, comparable with
 * `bench/peer/torch_bench.py` (PyTorch; `pnpm bench:compare` runs both). Writes `bench/results/<timestamp>.json`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { BedError, selectBackend, writeFileAtomic } from '@infobed/core';
import { gemmInfo, loadNativeGemm, useNativeGemm } from '@infobed/nn';
import { makeWorkload } from './makeWorkload.js';
import { runPkDesign } from './runPkDesign.js';
import { runPolicyLf10 } from './runPolicyLf10.js';
import { parseBenchArgs, USAGE } from './parseBenchArgs.js';
import { runWorkload, type BenchResult } from './runWorkload.js';

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  if (args.gemm === 'tfjs') process.env.INFOBED_NATIVE_GEMM = '0';
  loadNativeGemm();
  const sel = await selectBackend(args.backend);
  if (args.gemm === 'auto' && sel.backend === 'wasm') useNativeGemm();
  const results: BenchResult[] = [];
  for (const name of args.workloads) {
    const combos = name === 'pk-design' || name === 'policy-lf10' ? [['nn', 'tfjs'] as const] : args.matmul.flatMap((m) => args.optimizers.map((o) => [m, o] as const));
    for (const [mode, opt] of combos) {
      let r: BenchResult;
      if (name === 'pk-design') r = await runPkDesign(Math.min(args.steps, 40), gemmInfo());
      else if (name === 'policy-lf10') r = await runPolicyLf10(Math.min(args.steps, 30), gemmInfo());
      else {
        const w = makeWorkload(name, mode, opt);
        r = runWorkload(w, { steps: args.steps, seconds: args.seconds, warmup: args.warmup, matmul: mode, gemm: gemmInfo() });
        w.dispose();
      }
      results.push(r);
      if (args.json) console.log(JSON.stringify(r));
      else
        console.log(
          `${r.workload.padEnd(8)} ${r.backend}/${r.matmul}/${r.gemm}/${r.optimizer}: ${r.stepsPerS} steps/s, ${r.msPerStep} ms/step ` +
            `(cpu ${r.cpuMsPerStep} ms), ${r.gflops} GFLOP/s, peak RSS ${r.peakRssMb} MB, load1 ${r.load1Before}→${r.load1After}, ` +
            `loss ${r.finalLoss}, leaked ${r.leakedTensors}`,
        );
    }
  }
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const meta = { node: process.versions.node, tfjs: tf.version_core, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, attempts: sel.attempts };
  writeFileAtomic(file, JSON.stringify({ meta, results }, null, 2) + '\n');
  if (!args.json) console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof BedError ? `infobed bench: ${e.message}` : e);
  if (e instanceof BedError) console.error(USAGE);
  process.exit(e instanceof BedError ? 2 : 1);
});
