import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { BedError } from '../errors/BedError.js';

/** Where a plugin's code lives and what its package.json says. */
export interface ResolvedPlugin {
  /** Absolute path of the module to `import()`. */
  readonly entry: string;
  /** Folder of the plugin's package.json. */
  readonly root: string;
  /** The package.json (`name`, the `"infobed"` manifest, …). */
  readonly packageJson: Readonly<Record<string, unknown>>;
}

/** Paths: `./x`, `/x`, `x.js`, and `a/b` (a package name with a slash starts with `@scope/`). */
const looksLikePath = (spec: string): boolean =>
  spec.startsWith('.') || spec.startsWith('/') || isAbsolute(spec) || spec.endsWith('.js') || spec.endsWith('.ts') || (spec.includes('/') && !spec.startsWith('@'));

function readJson(file: string, spec: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (cause) {
    throw new BedError('pluginLoad', `plugin ${spec}: cannot read ${file}: ${(cause as Error).message}`, { cause });
  }
}

/** The `"."` entry of a package.json: `exports` (string or `import`/`default` condition), else `main`, else index. */
function packageEntry(root: string, pkg: Record<string, unknown>, spec: string): string {
  const exp = pkg.exports as unknown;
  let rel: unknown;
  if (typeof exp === 'string') rel = exp;
  else if (exp && typeof exp === 'object') {
    const dot = (exp as Record<string, unknown>)['.'] ?? exp;
    rel = typeof dot === 'string' ? dot : (dot as Record<string, unknown>).import ?? (dot as Record<string, unknown>).default;
  }
  rel ??= pkg.main;
  const candidates = typeof rel === 'string' ? [rel] : ['index.js', 'src/index.ts', 'index.ts'];
  for (const c of candidates) {
    const file = resolve(root, c);
    if (existsSync(file)) return file;
  }
  throw new BedError('pluginLoad', `plugin ${spec}: no entry module in ${root} (looked for ${candidates.join(', ')}); if it compiles to dist/, build it first (npm run build)`);
}

/**
 * Resolves `spec` — a path (file or package folder) or a package name — from `baseDir`
 * (the config file's folder, or the working directory for `--plugin`).
 * @throws BedError('pluginLoad') naming the plugin when nothing is found.
 */
export function resolvePlugin(spec: string, baseDir: string): ResolvedPlugin {
  if (looksLikePath(spec)) {
    const target = resolve(baseDir, spec);
    if (!existsSync(target)) throw new BedError('pluginLoad', `plugin ${spec}: no such file or folder (${target})`);
    if (statSync(target).isDirectory()) {
      const pj = join(target, 'package.json');
      const pkg = existsSync(pj) ? readJson(pj, spec) : {};
      return { entry: packageEntry(target, pkg, spec), root: target, packageJson: pkg };
    }
    let root = dirname(target);
    while (!existsSync(join(root, 'package.json')) && dirname(root) !== root) root = dirname(root);
    const pj = join(root, 'package.json');
    return { entry: target, root, packageJson: existsSync(pj) ? readJson(pj, spec) : {} };
  }
  for (let dir = resolve(baseDir); ; dir = dirname(dir)) {
    const root = join(dir, 'node_modules', spec);
    if (existsSync(join(root, 'package.json'))) {
      const pkg = readJson(join(root, 'package.json'), spec);
      return { entry: packageEntry(root, pkg, spec), root, packageJson: pkg };
    }
    if (dirname(dir) === dir) break;
  }
  throw new BedError(
    'pluginLoad',
    `plugin ${spec}: package not found from ${resolve(baseDir)}; install it (pnpm add ${spec}) or pass a path`,
  );
}
