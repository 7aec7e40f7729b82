import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readYaml } from '@infobed/core';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/runCliCaptured.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe("infobed design uses the objective's default critic, as infobed estimate does", () => {
  const dir = mkdtempSync(join(tmpdir(), 'infobed-design-critic-'));
  const config = join(dir, 'tiny.yaml');
  writeFileSync(
    config,
    [
      'simulator: { id: noisy-linear, options: { designs: 2 } }',
      'objective: { id: infonce-anchor, options: { nu: 4 } }',
      'critic: { id: separable, options: { hidden: [16], embed: 8 } }',
      'design: { steps: 3, finalCriticSteps: 1, batch: 8, recordEvery: 1, evalBatches: 1 }',
      'evaluate: { method: none }',
    ].join('\n'),
  );
  const design = async (name: string, args: string[]) => {
    const out = join(dir, name);
    const r = await runCliCaptured(['design', '--config', config, ...args, '--out', out, '--json', '--quiet', '--backend', 'wasm'], root);
    expect(r.code, r.stderr).toBe(0);
    return { result: JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')), resolved: readYaml(join(out, 'config.resolved.yaml')) };
  };

  it('--objective flo without --critic trains the shared critic and records it', async () => {
    const { result, resolved } = await design('flo', ['--objective', 'flo']);
    expect(result).toMatchObject({ objective: 'flo', critic: 'shared', criticSource: 'objective-default' });
    expect(result.components.critic).toMatchObject({ id: 'shared', options: { hidden: [256, 256] } });
    // The resolved config names the critic that trained, so --resume and `evaluate` see the same one.
    expect(resolved.critic).toMatchObject({ id: 'shared', options: { hidden: [256, 256] } });
    expect(resolved.criticNamed).toBeUndefined();
  });

  it('a critic named with --critic wins; other objectives keep the config critic', async () => {
    expect((await design('flo-bilinear', ['--objective', 'flo', '--critic', 'bilinear'])).result).toMatchObject({ critic: 'bilinear', criticSource: 'named' });
    const nwj = (await design('nwj', ['--objective', 'nwj'])).result;
    expect(nwj).toMatchObject({ critic: 'separable', criticSource: 'fallback' });
    expect(nwj.components.critic.options).toEqual({ hidden: [16], embed: 8 });
    expect((await design('anchor', [])).result).toMatchObject({ critic: 'separable', criticSource: 'named' });
  });
});
