import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { optimalDeathTime } from '../../examples/infobed-plugin-example-death/src/deathProcessEig.js';
import { runCliCaptured } from '../support/runCliCaptured.js';

/**
 * The death-process example plugin (a config's `plugins: [.]`) through `infobed design`: from
 * t = 3, critic-based gradient ascent (score-function design gradient: counts are discrete) must end
 * within 0.1 of the quadrature optimum t* = 1.029 (1.5061 nats) and within 0.005 nats of its EIG.
 * The straight-through gradient it replaced ended at t = 0.849 (EIG 1.499) with the same settings.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));

describe('death process example through infobed design', () => {
  it('finds the quadrature optimum within 0.1 in t and 0.005 nats', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'infobed-death-')), 'run');
    const r = await runCliCaptured(
      ['design', '--config', 'examples/infobed-plugin-example-death/death.yaml', '--steps', '600', '--backend', 'wasm', '--out', out, '--json', '--quiet'],
      root,
    );
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    const best = optimalDeathTime({ population: 50, logRateMean: 0, logRateSd: 1 });
    const [t] = result.design as [number];
    expect(result.eig.method).toBe('analytic'); // the plugin's quadrature
    expect(Math.abs(t - best.t), `t = ${t}, t* = ${best.t}`).toBeLessThan(0.1);
    expect(result.eig.value, `t = ${t}`).toBeGreaterThan(best.eig - 0.005);
    expect(result.components.simulator).toMatchObject({ id: 'example-death', package: 'infobed-plugin-example-death', thirdParty: true });
  });
});
