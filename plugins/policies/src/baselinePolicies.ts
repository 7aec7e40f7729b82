import * as tf from '@tensorflow/tfjs';
import { BedError, Rng, type Policy, type PolicySpec, type PolicyState } from '@infobed/core';
import { EqualIntervalOptionsSchema, parsePolicyOptions, RandomOptionsSchema, StaticOptionsSchema } from './policyOptions.js';

/** A non-adaptive policy: the raw design of step t does not depend on the history. */
abstract class FixedPolicy implements Policy {
  abstract readonly id: string;
  readonly variables: readonly tf.Variable[] = [];
  /** Keeps only the batch size (a `[n]` zeros tensor), so `propose` can emit `[n, d]`. */
  initial(n: number): PolicyState {
    return { n: tf.zeros([n]) };
  }
  observe(state: PolicyState): PolicyState {
    return state;
  }
  abstract propose(state: PolicyState, t: number): tf.Tensor2D;
  protected rowsOf(state: PolicyState): number {
    return state['n']!.shape[0]!;
  }
  dispose(): void {
    tf.dispose(this.variables as tf.Variable[]);
  }
}

/** Random designs: raw ξ ~ N(0, scale²), independent across steps and rollouts (seeded). */
export class RandomPolicy extends FixedPolicy {
  static readonly id = 'random';
  readonly id = RandomPolicy.id;
  private readonly rng: Rng;
  private readonly scale: number;

  constructor(private readonly spec: PolicySpec) {
    super();
    this.scale = parsePolicyOptions(RandomOptionsSchema, spec.options, this.id).scale;
    this.rng = new Rng(spec.seed).fork('random-policy');
  }
  override propose(state: PolicyState): tf.Tensor2D {
    return tf.randomNormal([this.rowsOf(state), this.spec.designDim], 0, this.scale, 'float32', this.rng.nextSeed());
  }
}

/**
 * Raw designs `[T][d]` of T designs in design units: through the design space, or its
 * `designChain` when step t's design depends on step t − 1's (validated: e.g. times must increase).
 */
function rawsOf(spec: PolicySpec, designs: readonly number[][]): number[][] {
  const chain = spec.designChain;
  if (!chain) return designs.map((d) => spec.designSpace.toRaw(d));
  return designs.map((d, t) => {
    chain.validate(d, designs[t - 1], `policy.options (design ${t + 1})`);
    return chain.toRaw(d, designs[t - 1]);
  });
}

/** Tiles one raw design `[d]` over the rollouts. */
const tileRow = (row: tf.Tensor, n: number): tf.Tensor2D => tf.tile(tf.reshape(row, [1, -1]), [n, 1]) as tf.Tensor2D;

/** Equal-interval designs (1-D, e.g. sampling times): T points evenly spaced in design units. */
export class EqualIntervalPolicy extends FixedPolicy {
  static readonly id = 'equal-interval';
  readonly id = EqualIntervalPolicy.id;
  /** The T designs, in design units. */
  readonly designs: number[];
  private readonly raws: number[];

  constructor(spec: PolicySpec) {
    super();
    if (spec.designDim !== 1) throw new BedError('invalidConfig', `policy "equal-interval": needs 1-D designs (times), this experiment has ${spec.designDim} design coordinates per measurement`);
    const o = parsePolicyOptions(EqualIntervalOptionsSchema, spec.options, this.id);
    const { lower, upper } = spec.designSpace;
    const w = (upper - lower) / spec.T;
    const from = o.from ?? lower + w / 2;
    const to = o.to ?? upper - w / 2;
    this.designs = Array.from({ length: spec.T }, (_, i) => (spec.T === 1 ? from : from + ((to - from) * i) / (spec.T - 1)));
    spec.designSpace.validate(this.designs.slice(0, 1), 'policy.options.from');
    spec.designSpace.validate(this.designs.slice(-1), 'policy.options.to');
    this.raws = rawsOf(spec, this.designs.map((d) => [d])).map((r) => r[0]!);
  }
  override propose(state: PolicyState, t: number): tf.Tensor2D {
    return tf.fill([this.rowsOf(state), 1], this.raws[t]!) as tf.Tensor2D;
  }
}

/** A static design of T measurements (trainable raw `[T, d]`): the best non-adaptive design when trained. */
export class StaticPolicy extends FixedPolicy {
  static readonly id = 'static';
  readonly id = StaticPolicy.id;
  readonly raw: tf.Variable<tf.Rank.R2>;
  override readonly variables: readonly tf.Variable[];

  constructor(spec: PolicySpec) {
    super();
    const o = parsePolicyOptions(StaticOptionsSchema, spec.options, this.id);
    if (o.initial) {
      if (o.initial.length !== spec.T) throw new BedError('invalidConfig', `policy.options.initial: expected ${spec.T} designs (one per measurement), got ${o.initial.length} (policy "static")`);
      o.initial.forEach((d, t) => spec.designSpace.validate(d, `policy.options.initial[${t}]`));
    }
    const raw = o.initial ? rawsOf(spec, o.initial) : undefined;
    this.raw = tf.tidy(() => tf.variable(raw ? tf.tensor2d(raw) : tf.randomNormal([spec.T, spec.designDim], 0, o.initScale, 'float32', spec.seed)));
    this.variables = [this.raw];
  }
  override propose(state: PolicyState, t: number): tf.Tensor2D {
    return tileRow(tf.slice(this.raw, [t, 0], [1, -1]), this.rowsOf(state));
  }
}
