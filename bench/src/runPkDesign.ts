import * as os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { Rng } from '@infobed/core';
import { SgaDesignOptimiser } from '@infobed/design';
import { SeparableCritic } from '@infobed/plugin-critics';
import { InfoNceAnchorObjective, parseAnchorOptions } from '@infobed/plugin-estimator-infonce-anchor';
import { PharmacokineticSimulator, pkBaselineTimes } from '@infobed/simulator-pharmacokinetic';
import type { BenchResult } from './runWorkload.js';
import { timedResult } from './timedResult.js';

/**
 * `pk-design`: joint SGA steps (critic + design, pathwise design gradient) of the pharmacokinetic
 * model with `configs/pharmacokinetic.yaml`'s settings (separable critic [64, 64] → 32,
 * InfoNCE-anchor ν = 1, batch 256). Times `SgaDesignOptimiser.run` for `steps` steps with no
 * final critic phase and one evaluation batch (included in the time; < 1 % of it). Uses the
 * optimiser's own `tf.train.adam`. No PyTorch counterpart exists in `peer/torch_bench.py`.
 */
export async function runPkDesign(steps: number, gemm: string): Promise<BenchResult> {
  const sim = new PharmacokineticSimulator();
  const objective = new InfoNceAnchorObjective(parseAnchorOptions({ nu: 1, construction: 'paper' }));
  const run = async (n: number): Promise<{ ms: number; cpuMs: number; loss: number }> => {
    const critic = new SeparableCritic({ xDim: 3, yDim: 5, options: { hidden: [64, 64], embed: 32 }, seed: 1 });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await new SgaDesignOptimiser().run(
      { simulator: sim, objective, critic },
      { steps: n, finalCriticSteps: 0, batch: 256, lrCritic: 1e-3, lrDesign: 5e-2, initialDesign: pkBaselineTimes(5), recordEvery: n, evalBatches: 1 },
      new Rng(0),
    );
    const ms = performance.now() - t0;
    const c = process.cpuUsage(cpu0);
    critic.dispose();
    return { ms, cpuMs: (c.user + c.system) / 1000, loss: r.history.at(-1)?.loss ?? NaN };
  };
  await run(3); // warm-up
  const tensorsBefore = tf.memory().numTensors;
  const load1Before = os.loadavg()[0]!;
  const r = await run(steps);
  return timedResult('pk-design', 'tfjs', gemm, steps, r, load1Before, tf.memory().numTensors - tensorsBefore);
}
