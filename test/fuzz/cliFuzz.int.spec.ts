import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/runCliCaptured.js';
import { fuzzCases, type FuzzCase } from './fuzzCases.js';

/**
 * CLI fuzz suite: generated configs and flags (seeded, so a failure reproduces by its name), run
 * in-process on tiny budgets. Every case must: exit 0, 2, 3 or 4 (never 1: no internal errors);
 * print exactly one JSON document on stdout (`--json`); leave no half-written result (no
 * result.json unless exit 0, no temporary files; when it exists, every file it lists exists);
 * and, when it fails, name a field or a flag.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'infobed-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CASES = Number(process.env.INFOBED_FUZZ_CASES ?? 300);
const SEED = Number(process.env.INFOBED_FUZZ_SEED ?? 12);

/** JSON is YAML; non-finite numbers become YAML's `.nan` / `.inf`. */
const toYaml = (doc: unknown): string =>
  JSON.stringify(doc, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? `@@${Number.isNaN(v) ? '.nan' : v > 0 ? '.inf' : '-.inf'}@@` : v)).replace(/"@@(.*?)@@"/g, '$1');

/** A message names a field (`design.batch`, `critic.options.hidden.0`, `backend:`) or a flag (`--batch`), or says the file itself is unreadable. */
const NAMES_SOMETHING = /(--[a-z][a-z-]*|\b[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9[\]]+)+\b|: (backend|seed|method|plugins|simulator|objective|critic|presets|bogus|testSeed|\(root\)):|not valid YAML|YAML mapping at the top level|KiB limit)/;

const files = (d: string): string[] => (existsSync(d) ? readdirSync(d, { recursive: true, encoding: 'utf8' }) : []);
const cases = fuzzCases(CASES, SEED);
const outcomes: Record<number, number> = {};

describe(`CLI fuzz: ${CASES} generated configs and flags (seed ${SEED})`, () => {
  it.each(cases.map((c, i) => [c.name, i] as const))('%s', async (_name, i) => {
    const c: FuzzCase = cases[i]!;
    const config = join(dir, `case${i}.yaml`);
    writeFileSync(config, typeof c.config === 'string' ? c.config : toYaml(c.config));
    const out = join(dir, `out${i}`);
    const args = [c.command, '--config', config, '--out', out, '--json', '--quiet', '--backend', 'wasm', ...c.flags];
    const r = await runCliCaptured(args, root);
    outcomes[r.code] = (outcomes[r.code] ?? 0) + 1;
    expect([0, 2, 3, 4], `${c.name}\n${r.stderr}`).toContain(r.code);
    const lines = r.stdout.trim().split('\n');
    expect(lines, r.stdout).toHaveLength(1);
    const doc = JSON.parse(lines[0]!) as { ok: boolean; result?: unknown; error?: { kind: string; message: string } };
    expect(doc.ok).toBe(r.code === 0);
    const written = files(out);
    expect(written.filter((f) => f.endsWith('.tmp')), 'temporary files left').toEqual([]);
    if (r.code === 0) {
      const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as { files?: string[] };
      for (const f of result.files ?? []) expect(statSync(join(out, f)).size, f).toBeGreaterThan(0);
    } else {
      expect(written, 'result.json after a failure').not.toContain('result.json');
      expect(doc.error!.message, `${c.name}: ${doc.error!.message}`).toMatch(NAMES_SOMETHING);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /); // no stack traces
    }
  });

  it('covered successes and every kind of refusal', () => {
    console.log(`fuzz outcomes by exit code: ${JSON.stringify(outcomes)}`);
    // The generator is tuned so that the suite exercises real runs, not just rejections.
    expect(outcomes[0] ?? 0, JSON.stringify(outcomes)).toBeGreaterThan(CASES / 20);
    expect(outcomes[2] ?? 0, JSON.stringify(outcomes)).toBeGreaterThan(CASES / 3);
  });
});
