// Builds the optional AVX2 GEMM addon (packages/nn/native) with node-gyp during `pnpm install`.
// Never fails the install: on any error it prints one warning and @infobed/nn keeps using the
// TF.js wasm kernels. Headers come from the running Node's own prefix (official tarballs and
// Debian's nodejs both ship include/node), so no download from nodejs.org is needed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
if (process.env.INFOBED_NATIVE_GEMM === '0') {
  console.log('@infobed/nn: INFOBED_NATIVE_GEMM=0, skipping the native GEMM build');
  process.exit(0);
}
const warn = (why) => {
  console.warn(`@infobed/nn: native GEMM not built (${why}); falling back to the TF.js wasm kernels`);
  process.exit(0);
};
if (process.platform !== 'linux' && process.platform !== 'darwin') warn(`platform ${process.platform}`);
if (process.arch !== 'x64') warn(`arch ${process.arch} (the kernel is AVX2)`);
let gyp;
try {
  gyp = createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
} catch {
  warn('node-gyp is not installed');
}
const prefix = dirname(dirname(process.execPath));
const args = [gyp, 'rebuild', '--release'];
if (existsSync(join(prefix, 'include', 'node', 'node_api.h'))) args.push(`--nodedir=${prefix}`);
const r = spawnSync(process.execPath, args, { cwd: here, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
if (r.status !== 0) warn(`node-gyp exited ${r.status}: ${(r.stderr || r.stdout || '').trim().split('\n').slice(-3).join(' | ')}`);
console.log('@infobed/nn: built native/build/Release/infobed_gemm.node');
