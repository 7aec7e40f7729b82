import { BedError } from '../errors/BedError.js';
import { writeCheckpoint, type Checkpoint } from './CheckpointFile.js';
import { processInterrupt, type InterruptFlag } from './InterruptFlag.js';

export interface CheckpointerOptions {
  /** The checkpoint file (`<out>/checkpoint/state.ibck`); none = only yield and stop on interruption (nothing saved). */
  readonly file?: string;
  /** Save every this many steps; 0 = only when interrupted. */
  readonly every: number;
  /** Component named in the interruption message (`design`, `meta`, …). */
  readonly component: string;
  /** The folder `--resume` takes, quoted in the interruption message. */
  readonly runDir: string;
  /** Defaults to `processInterrupt` (set by the CLI's SIGINT/SIGTERM handlers). */
  readonly interrupt?: InterruptFlag;
  /** Called after each save (tests, progress lines). */
  readonly onSave?: (step: number) => void;
}

/** How often a loop hands control to the event loop, so signal handlers can run (ms). */
const YIELD_MS = 50;

/**
 * Checkpoint cadence for one training loop. Call `await atStep(step, snapshot)` after every
 * completed step: it saves every `every` steps, yields to the event loop every ~50 ms (signals are
 * only delivered between tasks), and when an interruption was requested saves the current state
 * and throws `BedError('interrupted')` (exit 130). `snapshot` runs only when a save is due.
 */
export class Checkpointer {
  private lastYield = performance.now();
  private readonly interrupt: InterruptFlag;
  /** Step of the last save (0 = none yet). */
  lastSaved = 0;

  constructor(readonly options: CheckpointerOptions) {
    if (!Number.isInteger(options.every) || options.every < 0) throw new BedError('invalidArgument', `--checkpoint-every: expected an integer ≥ 0, got ${options.every}`);
    this.interrupt = options.interrupt ?? processInterrupt;
  }

  save(c: Checkpoint): void {
    if (this.options.file === undefined) return;
    writeCheckpoint(this.options.file, c);
    this.lastSaved = c.step;
    this.options.onSave?.(c.step);
  }

  /** @param last the loop's final step: always saved, so work after the loop can stop without losing it. */
  async atStep(step: number, snapshot: () => Checkpoint, last = false): Promise<void> {
    const { every } = this.options;
    if (last || (every > 0 && step % every === 0)) this.save(snapshot());
    this.interrupt.lastPoll = performance.now();
    if (performance.now() - this.lastYield >= YIELD_MS) {
      await new Promise<void>((r) => setImmediate(r));
      this.lastYield = performance.now();
    }
    this.stopIfRequested(step, snapshot);
  }

  /** Saves (unless this step is saved already) and throws `interrupted` when an interruption is pending (no yield). */
  stopIfRequested(step: number, snapshot: () => Checkpoint): void {
    const reason = this.interrupt.requested;
    if (reason === undefined) return;
    if (this.lastSaved !== step) this.save(snapshot());
    const next = this.options.file === undefined ? 'nothing saved (no --out)' : `checkpoint saved, continue with --resume ${this.options.runDir}`;
    throw new BedError('interrupted', `${this.options.component}: interrupted by ${reason} after step ${step}; ${next}`);
  }
}
