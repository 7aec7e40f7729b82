import * as os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { buildPolicy, trainPolicy } from '@infobed/adaptive';
import { PluginHost, Rng, sequentialFromStatic } from '@infobed/core';
import policies from '@infobed/plugin-policies';
import locationFinding from '@infobed/simulator-location-finding';
import type { BenchResult } from './runWorkload.js';
import { timedResult } from './timedResult.js';

/**
 * `policy-lf10`: policy-training steps of `configs/location-finding-adaptive.yaml` (GRU policy,
 * location finding T = 10, batch 128 rollouts, sPCE with L = 511 contrastive samples, Adam 1e-3,
 * gradient clipping at 10). One step = prior draws, 10 policy/simulator steps, the [128, 511]
 * likelihood matrices, backward through all of it, one Adam step. No PyTorch counterpart yet.
 */
export async function runPolicyLf10(steps: number, gemm: string): Promise<BenchResult> {
  const host = new PluginHost();
  for (const p of [policies, locationFinding]) host.use(p);
  const seq = sequentialFromStatic(host.simulator('location-finding').create({ T: 10 }));
  const policy = buildPolicy(host, { id: 'gru', options: { encoding: 32, encoderHidden: [64], width: 64, emitterHidden: [64] } }, seq, 1, 'bench');
  const settings = { batch: 128, lr: 1e-3, clipNorm: 10 };
  const run = async (n: number) => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await trainPolicy(policy, seq, { kind: 'spce', contrastive: 511 }, { ...settings, steps: n, recordEvery: n }, new Rng(0));
    const c = process.cpuUsage(cpu0);
    return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, loss: r.history.at(-1)?.loss ?? NaN };
  };
  await run(2); // warm-up
  const tensorsBefore = tf.memory().numTensors;
  const load1Before = os.loadavg()[0]!;
  const r = await run(steps);
  const leaked = tf.memory().numTensors - tensorsBefore;
  policy.dispose();
  return timedResult('policy-lf10', 'fused', gemm, steps, r, load1Before, leaked);
}
