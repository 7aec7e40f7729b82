import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BedError, processInterrupt, readYaml, selectBackend, type ProgressReporter } from '@infobed/core';
import { resolveConfigWithPresets } from '@infobed/design';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdaptiveConfigSchema } from './AdaptiveConfigSchema.js';
import { runPolicyTrain } from './runPolicyTrain.js';
import { testHost } from './testHost.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const root = fileURLToPath(new URL('../../../', import.meta.url));
const config = resolveConfigWithPresets(AdaptiveConfigSchema, readYaml(join(root, 'configs/location-finding-adaptive.yaml')), 'lf', 'ci', { evaluate: { rollouts: 10, inner: 200, chunk: 200 } });

/** Progress that requests an interruption when training reports `at` steps. */
const interruptAt = (at: number): ProgressReporter => ({
  start: () => ({ update: (done) => { if (done === at) processInterrupt.request('SIGINT (test)'); }, stop: () => undefined }),
  log: () => undefined,
});

describe('policy train: interruption and --resume', () => {
  it('an interrupted run saves a checkpoint, and resuming it ends with the result of an uninterrupted run', async () => {
    const host = testHost();
    const full = mkdtempSync(join(tmpdir(), 'infobed-pol-full-'));
    const a = await runPolicyTrain({ host, config, outDir: full, backend: 'wasm', plots: false, checkpoint: { every: 10 } });
    const cut = mkdtempSync(join(tmpdir(), 'infobed-pol-cut-'));
    try {
      await runPolicyTrain({ host, config, outDir: cut, backend: 'wasm', plots: false, checkpoint: { every: 0 }, progress: interruptAt(20) });
      expect.unreachable();
    } catch (e) {
      expect(BedError.is(e, 'interrupted'), String(e)).toBe(true);
      expect((e as Error).message).toMatch(/policy train: interrupted by SIGINT \(test\) after step 20/);
    } finally {
      processInterrupt.clear();
    }
    expect(existsSync(join(cut, 'checkpoint', 'state.ibck'))).toBe(true);
    expect(existsSync(join(cut, 'result.json'))).toBe(false);
    const b = await runPolicyTrain({ host, config, outDir: cut, backend: 'wasm', plots: false, checkpoint: { every: 0 }, resume: true });
    const strip = (r: typeof a) => ({ ...r, trainSeconds: 0, stepsPerSecond: 0, evaluation: { ...r.evaluation!, results: r.evaluation!.results.map((e) => ({ ...e, seconds: 0 })) } });
    expect(strip(b)).toEqual(strip(a));
    expect(readFileSync(join(cut, 'policy', 'policy.json'), 'utf8')).toBe(readFileSync(join(full, 'policy', 'policy.json'), 'utf8'));
  });
});
