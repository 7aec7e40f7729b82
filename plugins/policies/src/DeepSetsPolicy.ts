import * as tf from '@tensorflow/tfjs';
import type { Policy, PolicySpec, PolicyState } from '@infobed/core';
import { Mlp } from '@infobed/nn';
import { DeepSetsOptionsSchema, parsePolicyOptions } from './policyOptions.js';

/**
 * DAD's permutation-invariant policy (Foster et al. 2021): ξ_{t+1} = emitter(Σ_{s≤t} encoder(ξ_s, y_s)).
 * State `{ pooled: [n, encoding] }`; the first design is emitter(0), learned through the biases.
 * For exchangeable models (location finding), where the order of measurements carries nothing.
 */
export class DeepSetsPolicy implements Policy {
  static readonly id = 'deepsets';
  readonly id = DeepSetsPolicy.id;
  private readonly encoder: Mlp;
  private readonly emitter: Mlp;
  private readonly encoding: number;

  constructor(spec: PolicySpec) {
    const o = parsePolicyOptions(DeepSetsOptionsSchema, spec.options, this.id);
    this.encoding = o.encoding;
    this.encoder = new Mlp({ inDim: spec.designDim + spec.obsDim, hidden: o.encoderHidden, outDim: o.encoding, activation: o.activation, seed: spec.seed, name: 'enc' });
    this.emitter = new Mlp({ inDim: o.encoding, hidden: o.emitterHidden, outDim: spec.designDim, activation: o.activation, seed: spec.seed + 100, name: 'emit' });
  }

  initial(n: number): PolicyState {
    return { pooled: tf.zeros([n, this.encoding]) };
  }

  propose(state: PolicyState, _t: number): tf.Tensor2D {
    return this.emitter.apply(state['pooled'] as tf.Tensor2D);
  }

  observe(state: PolicyState, raw: tf.Tensor2D, y: tf.Tensor2D, _t: number): PolicyState {
    return { pooled: tf.add(state['pooled']!, this.encoder.apply(tf.concat([raw, y], 1))) };
  }

  get variables(): tf.Variable[] {
    return [...this.encoder.variables, ...this.emitter.variables];
  }

  dispose(): void {
    this.encoder.dispose();
    this.emitter.dispose();
  }
}
