import * as tf from '@tensorflow/tfjs';
import type { Policy, PolicySpec, PolicyState } from '@infobed/core';
import { Dense, Mlp } from '@infobed/nn';
import { GruOptionsSchema, parsePolicyOptions } from './policyOptions.js';

/**
 * Recurrent policy for histories whose order matters (time series; iDAD SIR, FLO's RNN):
 * x_t = MLP(ξ_t, y_t), h_t = GRU(x_t, h_{t−1}), ξ_{t+1} = emitter(h_t); h_0 = 0.
 * GRU (Cho et al. 2014): z = σ(x W_z + h U_z), r = σ(x W_r + h U_r),
 * ĥ = tanh(x W_h + (r ⊙ h) U_h), h' = (1 − z) ⊙ h + z ⊙ ĥ. State `{ h: [n, width] }`.
 */
export class GruPolicy implements Policy {
  static readonly id = 'gru';
  readonly id = GruPolicy.id;
  private readonly encoder: Mlp;
  private readonly inGates: Dense;
  private readonly hGates: Dense;
  private readonly hCand: Dense;
  private readonly emitter: Mlp;
  private readonly width: number;

  constructor(spec: PolicySpec) {
    const o = parsePolicyOptions(GruOptionsSchema, spec.options, this.id);
    const w = (this.width = o.width);
    this.encoder = new Mlp({ inDim: spec.designDim + spec.obsDim, hidden: o.encoderHidden, outDim: o.encoding, activation: o.activation, seed: spec.seed, name: 'enc' });
    this.inGates = new Dense(o.encoding, 3 * w, 'linear', spec.seed + 50, 'gru/x');
    this.hGates = new Dense(w, 2 * w, 'linear', spec.seed + 51, 'gru/h');
    this.hCand = new Dense(w, w, 'linear', spec.seed + 52, 'gru/c');
    this.emitter = new Mlp({ inDim: w, hidden: o.emitterHidden, outDim: spec.designDim, activation: o.activation, seed: spec.seed + 100, name: 'emit' });
  }

  initial(n: number): PolicyState {
    return { h: tf.zeros([n, this.width]) };
  }

  propose(state: PolicyState, _t: number): tf.Tensor2D {
    return this.emitter.apply(state['h'] as tf.Tensor2D);
  }

  observe(state: PolicyState, raw: tf.Tensor2D, y: tf.Tensor2D, _t: number): PolicyState {
    const h = state['h'] as tf.Tensor2D;
    const w = this.width;
    const xg = this.inGates.apply(this.encoder.apply(tf.concat([raw, y], 1)));
    const hg = this.hGates.apply(h);
    const z = tf.sigmoid(tf.add(tf.slice(xg, [0, 0], [-1, w]), tf.slice(hg, [0, 0], [-1, w])));
    const r = tf.sigmoid(tf.add(tf.slice(xg, [0, w], [-1, w]), tf.slice(hg, [0, w], [-1, w])));
    const cand = tf.tanh(tf.add(tf.slice(xg, [0, 2 * w], [-1, w]), this.hCand.apply(tf.mul(r, h) as tf.Tensor2D)));
    return { h: tf.add(tf.mul(tf.sub(1, z), h), tf.mul(z, cand)) };
  }

  get variables(): tf.Variable[] {
    return [...this.encoder.variables, ...this.inGates.variables, ...this.hGates.variables, ...this.hCand.variables, ...this.emitter.variables];
  }

  dispose(): void {
    this.encoder.dispose();
    this.emitter.dispose();
    tf.dispose([...this.inGates.variables, ...this.hGates.variables, ...this.hCand.variables]);
  }
}
