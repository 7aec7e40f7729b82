import { Rng } from '@infobed/core';

/** One generated CLI invocation: a config document (written as YAML/JSON) and extra flags. */
export interface FuzzCase {
  readonly name: string;
  readonly command: 'design' | 'meta' | 'evaluate';
  /** The config, or a raw text for syntax-level cases. */
  readonly config: Record<string, unknown> | string;
  readonly flags: string[];
}

/** A design config that trains in well under a second (no plots are skipped: the full CLI path runs). */
export const TINY_DESIGN = {
  simulator: { id: 'noisy-linear', options: { designs: 3 } },
  objective: { id: 'infonce', options: {} },
  critic: { id: 'separable', options: { hidden: [8], embed: 4 } },
  design: { steps: 3, finalCriticSteps: 1, batch: 8, recordEvery: 1, evalBatches: 1 },
  evaluate: { method: 'none', outer: 20, inner: 20 },
  seed: 0,
};

export const TINY_META = {
  method: 'cnp',
  training: { iterations: 2, evalEvery: 1, tasksPerEpisode: 4, validationTasks: 4, validationQueries: 4 },
  evaluation: { tasks: 4, shots: [1], queries: 4, examples: 0 },
  metaflo: { hidden: [4], embedDim: 2, critic: { hidden: [4], embed: 2, uHidden: [2] } },
};

const DESIGN_FIELDS = [
  'design.steps', 'design.batch', 'design.lrCritic', 'design.lrDesign', 'design.initial', 'design.recordEvery', 'design.evalBatches',
  'design.finalCriticSteps', 'evaluate.outer', 'evaluate.inner', 'evaluate.method', 'critic.id', 'critic.options.hidden',
  'critic.options.embed', 'critic.options.activation', 'critic.options.tau0', 'objective.id', 'objective.options.nu', 'objective.options.construction',
  'simulator.id', 'simulator.options.designs', 'simulator.options.lower', 'simulator.options.upper', 'simulator.options.priorSd',
  'simulator.options.horizon', 'simulator.options.dt', 'simulator.options.paths', 'seed', 'backend', 'plugins', 'bogus', 'design.bogus', 'simulator',
  'critic', 'presets',
];
const META_FIELDS = [
  'method', 'training.iterations', 'training.tasksPerEpisode', 'training.evalEvery', 'metaflo.hidden', 'metaflo.embedDim', 'metaflo.lambda', 'metaflo.lr',
  'maml.innerLr', 'maml.hidden', 'evaluation.tasks', 'evaluation.shots', 'evaluation.queries', 'seed', 'testSeed', 'bogus',
];
const VALUES: unknown[] = [
  -1, 0, 1, 2, 2.5, 7, 1e12, 1e300, -1e300, Number.NaN, Number.POSITIVE_INFINITY, 'x', '', [], [1e8], [-2], [0, 0, 0], [1, 'a'], {}, null, true,
  'sir', 'joint', 'bilinear', 'flo', 'mine', 'linear-gaussian', 'pharmacokinetic', 'maml', 'metaflo', 'tensorflow', 'cpu', 1e-9, 0.5, 64,
  { id: 'nope' }, { id: 'separable', options: { hidden: [1e9] } }, 'x'.repeat(300),
];
/** Plausible values: half of the mutations use these, so many cases run for real (exit 0 or 3). */
const PLAUSIBLE: Record<string, unknown[]> = {
  'design.steps': [1, 2, 4], 'design.batch': [2, 4, 16, 32], 'design.lrCritic': [1e-4, 0.01, 1], 'design.lrDesign': [1e-3, 0.5, 10],
  'design.recordEvery': [1, 2, 50], 'design.evalBatches': [1, 2], 'design.finalCriticSteps': [0, 2], 'design.initial': [[0, 0, 0], [-2, 2, 0]],
  'evaluate.method': ['none', 'analytic', 'auto'], 'evaluate.outer': [10, 50], 'evaluate.inner': [10, 20], 'critic.id': ['joint', 'bilinear', 'separable'],
  'critic.options.hidden': [[4], [8, 8]], 'critic.options.embed': [2, 8], 'critic.options.activation': ['tanh', 'elu'],
  'objective.id': ['nwj', 'flo', 'mine', 'infonce-anchor', 'js', 'smile', 'tuba', 'dv', 'alpha-infonce', 'fdv', 'drf'],
  'simulator.id': ['linear-gaussian', 'noisy-linear'], 'simulator.options.designs': [1, 2, 5], 'simulator.options.lower': [-1, -3], 'simulator.options.upper': [1, 3],
  'simulator.options.priorSd': [0.5, 3], seed: [1, 99], backend: ['wasm', 'auto'],
  method: ['cnp', 'metaflo', 'maml', 'fomaml'], 'training.iterations': [1, 3], 'training.tasksPerEpisode': [2, 3], 'metaflo.lambda': [0, 1], 'metaflo.lr': [1e-2, 10],
  'maml.innerLr': [0.1, 100], 'evaluation.tasks': [2, 3], 'evaluation.shots': [[1, 2]], testSeed: [3],
};

const BUDGETS = new Set(['design.steps', 'design.finalCriticSteps', 'design.evalBatches', 'training.iterations', 'evaluation.tasks', 'evaluation.queries', 'training.tasksPerEpisode', 'evaluate.outer', 'evaluate.inner', 'simulator.options.paths', 'training.evalEvery']);

const FLAGS: string[][] = [
  ['--steps', '0'], ['--steps', 'x'], ['--steps', '1.5'], ['--batch', '1'], ['--batch', '100000'], ['--batch', '6000'], ['--seed', '-1'],
  ['--designs', '0'], ['--designs', '1000000'], ['--objective', 'nope'], ['--critic', 'nope'], ['--backend', 'gpu'], ['--preset', 'nope'],
  ['--checkpoint-every', '-3'], ['--resume', '/nonexistent-run'], ['--unknown-flag'], ['--out', '/proc/fuzz'],
];

const setPath = (doc: Record<string, unknown>, path: string, value: unknown): void => {
  const keys = path.split('.');
  let o = doc;
  for (const k of keys.slice(0, -1)) {
    if (typeof o[k] !== 'object' || o[k] === null || Array.isArray(o[k])) o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  o[keys.at(-1)!] = value;
};

/** `n` seeded cases: 1–3 random field mutations of a tiny valid config, sometimes a bad flag, a few raw-syntax files. */
export function fuzzCases(n: number, seed: number): FuzzCase[] {
  const rng = new Rng(seed);
  const pick = <T>(a: readonly T[]): T => a[rng.int(a.length)]!;
  const out: FuzzCase[] = [];
  const raw = ['a: [1, 2', ': : :', '- just\n- a list', 'simulator: { id: noisy-linear }\n\t bad: tab', '', 'x'.repeat(300_000)];
  for (let i = 0; i < n; i++) {
    const r = rng.uniform();
    if (r < 0.03) {
      out.push({ name: `#${i} raw text`, command: 'design', config: pick(raw), flags: [] });
      continue;
    }
    const meta = r < 0.2;
    const doc = structuredClone(meta ? TINY_META : TINY_DESIGN) as Record<string, unknown>;
    const changes: string[] = [];
    const k = 1 + rng.int(2);
    for (let j = 0; j < k; j++) {
      const path = pick(meta ? META_FIELDS : DESIGN_FIELDS);
      const plausible = PLAUSIBLE[path];
      let value = plausible && rng.uniform() < 0.6 ? pick(plausible) : pick(VALUES);
      // A budget of 1e12 steps is valid and would simply run for ages (Ctrl-C stops it cleanly);
      // keep generated budgets small so the suite stays bounded.
      if (BUDGETS.has(path) && typeof value === 'number' && value > 100) value = 100;
      setPath(doc, path, value);
      changes.push(`${path}=${JSON.stringify(value)?.slice(0, 30)}`);
    }
    const flags = rng.uniform() < 0.15 ? pick(FLAGS) : [];
    out.push({ name: `#${i} ${meta ? 'meta' : 'design'} ${changes.join(' ')} ${flags.join(' ')}`.trim(), command: meta ? 'meta' : 'design', config: doc, flags });
  }
  return out;
}
