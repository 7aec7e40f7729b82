import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { optimalDeathTime } from '../../examples/infobed-plugin-example-death/src/deathProcessEig.js';
import { runCliCaptured } from '../support/runCliCaptured.js';

/**
 * The death-process example plugin (a config's `plugins: [.]`) through `infobed design`: from
 * t = 3, critic-based gradient ascent (straight-through design gradient) must reach a time whose
 * quadrature EIG is within 0.02 nats of the quadrature optimum (t* = 1.029, 1.506 nats), t in [0.7, 1.4].
 */
const root = fileURLToPath(new URL('../../', import.meta.url));

describe('death process example through infobed design', () => {
  it('finds a design within 0.02 nats of the quadrature optimum', async () => {
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
    expect(result.eig.value, `t = ${t}`).toBeGreaterThan(best.eig - 0.02);
    expect(t).toBeGreaterThan(0.7);
    expect(t).toBeLessThan(1.4);
    expect(result.components.simulator).toMatchObject({ id: 'example-death', package: 'infobed-plugin-example-death', thirdParty: true });
  });
});
