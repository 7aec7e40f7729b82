import { readFileSync } from 'node:fs';
import { BedError } from '../errors/BedError.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';

/** One saved tensor: raw little-endian values and the shape. */
export interface SavedTensor {
  readonly dtype: 'float32' | 'int32';
  readonly shape: readonly number[];
  readonly data: Float32Array | Int32Array;
}

/**
 * Everything needed to continue a run: what kind of run, the last completed step, a JSON state
 * (history, RNG stream positions, counters) and named tensors (weights, optimiser moments, design).
 */
export interface Checkpoint<S = unknown> {
  /** `design`, `estimate`, `meta`, `policy`, … (checked on resume). */
  readonly kind: string;
  /** Steps completed; a resumed run continues at `step + 1`. */
  readonly step: number;
  /** JSON-safe state (no NaN/Infinity: JSON turns them into null). */
  readonly state: S;
  readonly tensors: Readonly<Record<string, SavedTensor>>;
}

const MAGIC = 'IBCKPT01';
/** The format's name and version, in every header. */
export const CHECKPOINT_FORMAT = { name: 'infobed-checkpoint', version: 1 } as const;

interface TensorEntry {
  readonly name: string;
  readonly dtype: SavedTensor['dtype'];
  readonly shape: readonly number[];
  readonly offset: number;
  readonly length: number;
}

/**
 * Writes a checkpoint to `file` atomically (temporary file + rename: a reader sees the previous
 * checkpoint or this one, never half of one). Layout (docs/checkpoints.md): 8 bytes `IBCKPT01`,
 * uint32 LE header length H, H bytes of UTF-8 JSON `{ format, version, kind, step, savedAt, state,
 * tensors: [{ name, dtype, shape, offset, length }] }`, zero padding to a multiple of 4, then the
 * tensors' bytes (offsets relative to the start of this data block).
 */
export function writeCheckpoint(file: string, c: Checkpoint): void {
  const entries: TensorEntry[] = [];
  let offset = 0;
  for (const [name, t] of Object.entries(c.tensors)) {
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (size !== t.data.length) throw new BedError('internal', `writeCheckpoint: tensor ${name}: shape [${t.shape.join(', ')}] holds ${size} values, data has ${t.data.length}`);
    entries.push({ name, dtype: t.dtype, shape: [...t.shape], offset, length: t.data.byteLength });
    offset += t.data.byteLength;
  }
  const header = Buffer.from(
    JSON.stringify({ format: CHECKPOINT_FORMAT.name, version: CHECKPOINT_FORMAT.version, kind: c.kind, step: c.step, savedAt: new Date().toISOString(), state: c.state, tensors: entries }),
    'utf8',
  );
  const pad = (4 - ((12 + header.length) % 4)) % 4;
  const out = Buffer.alloc(12 + header.length + pad + offset);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(header.length, 8);
  header.copy(out, 12);
  const base = 12 + header.length + pad;
  for (const e of entries) {
    const t = c.tensors[e.name]!;
    Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).copy(out, base + e.offset);
  }
  writeFileAtomic(file, out);
}

/**
 * Reads a checkpoint written by `writeCheckpoint`.
 * @param expectKind refuse a checkpoint of another kind (`invalidArgument` naming the file).
 * @throws BedError('invalidArgument') naming the file when it is missing, truncated or not a checkpoint.
 */
export function readCheckpoint<S = unknown>(file: string, expectKind?: string): Checkpoint<S> {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (cause) {
    throw new BedError('invalidArgument', `--resume: no checkpoint at ${file} (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}); the run stopped before its first checkpoint, start it again`, { cause });
  }
  const bad = (why: string): BedError => new BedError('invalidArgument', `--resume: ${file} is not a usable checkpoint (${why})`);
  if (buf.length < 12 || buf.toString('latin1', 0, 8) !== MAGIC) throw bad('wrong magic bytes');
  const h = buf.readUInt32LE(8);
  if (12 + h > buf.length) throw bad('truncated header');
  let head: { format: string; version: number; kind: string; step: number; state: S; tensors: TensorEntry[] };
  try {
    head = JSON.parse(buf.toString('utf8', 12, 12 + h));
  } catch {
    throw bad('header is not JSON');
  }
  if (head.format !== CHECKPOINT_FORMAT.name || head.version !== CHECKPOINT_FORMAT.version) throw bad(`format ${head.format} v${head.version}, expected ${CHECKPOINT_FORMAT.name} v${CHECKPOINT_FORMAT.version}`);
  if (expectKind !== undefined && head.kind !== expectKind) throw bad(`it is a ${head.kind} checkpoint, this is a ${expectKind} run`);
  const base = 12 + h + ((4 - ((12 + h) % 4)) % 4);
  const tensors: Record<string, SavedTensor> = {};
  for (const e of head.tensors) {
    if (base + e.offset + e.length > buf.length) throw bad(`tensor ${e.name} truncated`);
    const bytes = new Uint8Array(e.length);
    bytes.set(buf.subarray(base + e.offset, base + e.offset + e.length));
    tensors[e.name] = { dtype: e.dtype, shape: e.shape, data: e.dtype === 'int32' ? new Int32Array(bytes.buffer) : new Float32Array(bytes.buffer) };
  }
  return { kind: head.kind, step: head.step, state: head.state, tensors };
}
