/**
 * `tsx bench/src/profile.ts [workload] [steps]`: per-kernel time of training steps (tf.profile),
 * aggregated by kernel name, sorted by total time. A development aid for bench/README.md.
 */
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '@infobed/core';
import { useNativeGemm } from '@infobed/nn';
import { makeWorkload, type WorkloadName } from './makeWorkload.js';

async function main(): Promise<void> {
  const name = (process.argv[2] ?? 'sep64') as WorkloadName;
  const steps = Number(process.argv[3] ?? '20');
  await selectBackend('wasm');
  useNativeGemm();
  const w = makeWorkload(name, 'nn', 'fused');
  for (let i = 0; i < 5; i++) w.step().dispose();
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) w.step().dispose();
  const wall = (performance.now() - t0) / steps;
  const info = await tf.profile(() => {
    for (let i = 0; i < steps; i++) w.step().dispose();
  });
  const agg = new Map<string, { n: number; ms: number; shapes: Set<string> }>();
  for (const k of info.kernels) {
    const e = agg.get(k.name) ?? { n: 0, ms: 0, shapes: new Set<string>() };
    e.n++;
    e.ms += k.kernelTimeMs as number;
    if (e.shapes.size < 6) e.shapes.add(k.inputShapes.map((s) => `[${s}]`).join(''));
    agg.set(k.name, e);
  }
  const rows = [...agg].sort((a, b) => b[1].ms - a[1].ms);
  const total = rows.reduce((s, [, e]) => s + e.ms, 0) / steps;
  console.log(`${name}: wall ${wall.toFixed(2)} ms/step (unprofiled), kernels ${total.toFixed(2)} ms/step, ${info.kernels.length / steps} kernels/step`);
  for (const [k, e] of rows)
    console.log(`${k.padEnd(22)} ${(e.n / steps).toFixed(1).padStart(6)}/step ${(e.ms / steps).toFixed(3).padStart(8)} ms/step  ${[...e.shapes].join(' ')}`);
  w.dispose();
}

void main();
