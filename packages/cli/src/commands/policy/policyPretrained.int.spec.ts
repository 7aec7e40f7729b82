import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../captureCli.js';

/** The shipped SIR policy of the `paper` preset (examples/sir-paper-policy, docs/adaptive-sir.md). */
const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const run = join(root, 'examples', 'sir-paper-policy');

describe('examples/sir-paper-policy with infobed policy next', () => {
  it('reproduces every design of its saved rollouts from their histories', async () => {
    const lines = readFileSync(join(run, 'rollouts.jsonl'), 'utf8').trim().split('\n').slice(0, 3).map((l) => JSON.parse(l));
    for (const rollout of lines) {
      for (let t = 0; t < rollout.designs.length; t++) {
        const history = { designs: rollout.designs.slice(0, t), observations: rollout.observations.slice(0, t) };
        const r = await runCliCaptured(['policy', 'next', '--run', run, '--history', JSON.stringify(history), '--json', '--backend', 'wasm'], root);
        expect(r.code, r.stderr).toBe(0);
        const doc = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
        expect(doc.result.t).toBe(t + 1);
        expect(doc.result.design[0]).toBeCloseTo(rollout.designs[t][0], 3);
      }
    }
  });
});
