import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { BedError, Checkpointer, InterruptFlag, readCheckpoint, Rng, selectBackend, type ProgressReporter } from '@infobed/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveMetaConfig } from './resolveMetaConfig.js';
import { runMeta } from './runMeta.js';

const dir = mkdtempSync(join(tmpdir(), 'infobed-meta-resume-'));
beforeAll(async () => {
  await selectBackend('wasm');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tiny = (method: string) =>
  resolveMetaConfig({ method }, 'test', 'ci', {
    training: { iterations: 12, evalEvery: 4, tasksPerEpisode: 8, validationTasks: 10 },
    evaluation: { tasks: 12, shots: [1, 3], queries: 10, examples: 2 },
    maml: { evalSteps: 2, hidden: [8, 8] },
    metaflo: { hidden: [8], embedDim: 4, critic: { hidden: [8], embed: 4, uHidden: [4] } },
  });

/** A progress reporter that requests an interruption once iteration `at` is reported (evaluation points). */
const stopAt = (flag: InterruptFlag, at: number): ProgressReporter => ({
  start: () => ({ update: (done) => (done === at ? flag.request('SIGTERM') : undefined), stop: () => undefined }),
  log: () => undefined,
});

describe('runMeta checkpoints', () => {
  it.each([
    ['metaflo', 4],
    ['maml', 8],
    ['cnp', 12],
  ])('%s: interrupted after iteration %i and resumed, the result equals an uninterrupted run (bar seconds)', async (method, at) => {
    const before = tf.memory().numTensors;
    const config = tiny(method);
    const whole = await runMeta(config, new Rng(4));
    const file = join(dir, `${method}.ibck`);
    const flag = new InterruptFlag();
    const checkpointer = new Checkpointer({ file, every: 5, component: `meta ${method}`, runDir: dir, interrupt: flag });
    const err = await runMeta(config, new Rng(4), stopAt(flag, at), { checkpointer }).catch((e: unknown) => e);
    expect(BedError.is(err, 'interrupted'), String(err)).toBe(true);
    expect(readCheckpoint(file, 'meta').step).toBe(at);
    const resumed = await runMeta(config, new Rng(4), undefined, { checkpointer: new Checkpointer({ file, every: 5, component: 'meta', runDir: dir, interrupt: new InterruptFlag() }), resume: readCheckpoint(file, 'meta') });
    expect({ ...resumed, seconds: 0 }).toEqual({ ...whole, seconds: 0 });
    expect(tf.memory().numTensors).toBe(before);
  });
});
