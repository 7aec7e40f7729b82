/**
 * `pnpm bench:compare`: the interleaved comparison with PyTorch. For each round and workload it
 * runs PyTorch (`bench/peer/torch_bench.py`, Debian's python3-torch, `--threads 1`: its OpenBLAS
 * still runs both cores, and `--threads 2` oversubscribes them, 6× slower under load — bench/README.md),
 * then `pnpm bench` with its defaults, one process each, and prints the Markdown table (medians,
 * ratio per round). Also writes it to `bench/results/compare-<timestamp>.md`.
 *
 *   tsx bench/src/compare.ts [--rounds 3] [--seconds 6] [--workload sep64,sep256,joint64]
 *                            [--python /usr/bin/python3] [--torch-threads 1] [--ours-args "--optimizer tfjs"]
 *                            [--ours-threads default,1]   (one table per setting: default = every core)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareTable, type RoundResult } from './compareTable.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..', '..');

function flag(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : dflt;
}

/** Runs a command and returns the JSON lines it printed on stdout (exits 1 if it failed). */
function jsonLines(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Record<string, unknown>[] {
  const r = spawnSync(cmd, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) {
    console.error(`${cmd} ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
    process.exit(1);
  }
  return r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}

const rounds = Number(flag('--rounds', '3'));
const seconds = flag('--seconds', '6');
const workloads = flag('--workload', 'sep64,sep256,joint64').split(',');
const python = flag('--python', '/usr/bin/python3');
const torchThreads = flag('--torch-threads', '1');
const oursArgs = flag('--ours-args', '').split(' ').filter((s) => s !== '');
/** `default`: every core (INFOBED_GEMM_THREADS unset), else that many GEMM threads. */
const oursThreads = flag('--ours-threads', 'default').split(',');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const rows = new Map<string, RoundResult[]>(oursThreads.map((t) => [t, []]));
const gemm = new Map<string, string>();
for (let round = 1; round <= rounds; round++)
  for (const w of workloads) {
    const [t] = jsonLines(python, [path.join(root, 'bench', 'peer', 'torch_bench.py'), '--workload', w, '--seconds', seconds, '--steps', '100000', '--threads', torchThreads]);
    for (const th of oursThreads) {
      const env = { ...process.env };
      if (th === 'default') delete env.INFOBED_GEMM_THREADS;
      else env.INFOBED_GEMM_THREADS = th;
      const [o] = jsonLines(tsx, [path.join(here, 'bench.ts'), '--workload', w, '--seconds', seconds, '--steps', '100000', '--json', ...oursArgs], env);
      gemm.set(th, String(o!.gemm));
      const row = {
        round,
        workload: w,
        ours: Number(o!.stepsPerS),
        torch: Number(t!.steps_per_s),
        oursCpuMs: Number(o!.cpuMsPerStep),
        torchCpuMs: Number(t!.cpu_ms_per_step),
        load1: Math.max(Number(t!.load1), Number(o!.load1Before)),
      };
      rows.get(th)!.push(row);
      console.error(`round ${round} ${w}: PyTorch ${row.torch} steps/s, ours ${row.ours} steps/s (${gemm.get(th)}), load1 ${row.load1}`);
    }
  }
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const table = [
  `${new Date().toISOString()} · ${cpu}, ${os.availableParallelism()} cores · ${seconds} s per run, ${rounds} interleaved rounds`,
  `PyTorch: ${python} torch_bench.py --threads ${torchThreads}; ours: pnpm bench ${oursArgs.join(' ') || '(defaults)'}`,
  ...oursThreads.flatMap((th) => [
    '',
    `ours with ${th === 'default' ? 'the default threads (every core)' : `INFOBED_GEMM_THREADS=${th}`} → ${gemm.get(th)}:`,
    '',
    compareTable(rows.get(th)!, `ours (${gemm.get(th)})`, `PyTorch (--threads ${torchThreads})`),
  ]),
].join('\n');
console.log(table);
const dir = path.join(root, 'bench', 'results');
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, `compare-${new Date().toISOString().replace(/[:.]/g, '-')}.md`), table + '\n');
