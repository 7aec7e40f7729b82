import * as tf from '@tensorflow/tfjs';
import type { Policy, PolicySpec, PolicyState } from '@infobed/core';
import { Dense, Mlp } from '@infobed/nn';
import { GruOptionsSchema, parsePolicyOptions } from './policyOptions.js';
import { recurrentParts } from './recurrentParts.js';

/**
 * One GRU layer (Cho et al. 2014): x `[n, in]`, h `[n, w]` → h'. z = σ(x W_z + h U_z),
 * r = σ(x W_r + h U_r), ĥ = tanh(x W_h + (r ⊙ h) U_h), h' = (1 − z) ⊙ h + z ⊙ ĥ.
 */
class GruLayer {
  private readonly inGates: Dense;
  private readonly hGates: Dense;
  private readonly hCand: Dense;

  constructor(inDim: number, readonly width: number, seed: number, name: string) {
    this.inGates = new Dense(inDim, 3 * width, 'linear', seed, `${name}/x`);
    this.hGates = new Dense(width, 2 * width, 'linear', seed + 1, `${name}/h`);
    this.hCand = new Dense(width, width, 'linear', seed + 2, `${name}/c`);
  }

  step(x: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D {
    const w = this.width;
    const xg = this.inGates.apply(x);
    const hg = this.hGates.apply(h);
    const z = tf.sigmoid(tf.add(tf.slice(xg, [0, 0], [-1, w]), tf.slice(hg, [0, 0], [-1, w])));
    const r = tf.sigmoid(tf.add(tf.slice(xg, [0, w], [-1, w]), tf.slice(hg, [0, w], [-1, w])));
    const cand = tf.tanh(tf.add(tf.slice(xg, [0, 2 * w], [-1, w]), this.hCand.apply(tf.mul(r, h) as tf.Tensor2D)));
    return tf.add(tf.mul(tf.sub(1, z), h), tf.mul(z, cand)) as tf.Tensor2D;
  }

  get variables(): tf.Variable[] {
    return [...this.inGates.variables, ...this.hGates.variables, ...this.hCand.variables];
  }
}

/** State key of layer k's hidden state (`h` for the first layer, as single-layer runs saved it). */
const key = (k: number): string => (k === 0 ? 'h' : `h${k}`);

/**
 * Recurrent policy for histories whose order matters (time series; iDAD SIR, FLO's RNN):
 * x_t = MLP(ξ_t, y_t), h_t = GRU layers(x_t, h_{t−1}) (`layers` stacked, each of `width`),
 * ξ_{t+1} = emitter(h_t of the top layer); h_0 = 0. State `{ h, h1, … }`, each `[n, width]`.
 * `layers: 2, width: 64` is the FLO paper's 2 × 64 recurrent network (config preset `flo-rnn`).
 */
export class GruPolicy implements Policy {
  static readonly id = 'gru';
  readonly id = GruPolicy.id;
  private readonly encoder: Mlp;
  private readonly layers: GruLayer[];
  private readonly emitter: Mlp;

  constructor(spec: PolicySpec) {
    const o = parsePolicyOptions(GruOptionsSchema, spec.options, this.id);
    ({ encoder: this.encoder, layers: this.layers, emitter: this.emitter } = recurrentParts(spec, o, (inDim, k) => new GruLayer(inDim, o.width, spec.seed + 50 + 10 * k, k === 0 ? 'gru' : `gru${k}`)));
  }

  initial(n: number): PolicyState {
    return Object.fromEntries(this.layers.map((l, k) => [key(k), tf.zeros([n, l.width])]));
  }

  propose(state: PolicyState, _t: number): tf.Tensor2D {
    return this.emitter.apply(state[key(this.layers.length - 1)] as tf.Tensor2D);
  }

  observe(state: PolicyState, raw: tf.Tensor2D, y: tf.Tensor2D, _t: number): PolicyState {
    const next: Record<string, tf.Tensor> = {};
    let x = this.encoder.apply(tf.concat([raw, y], 1));
    this.layers.forEach((l, k) => {
      x = next[key(k)] = l.step(x, state[key(k)] as tf.Tensor2D);
    });
    return next;
  }

  /** Encoder, GRU layers (input gates, hidden gates, candidate, in order), emitter: the saved-weights order. */
  get variables(): tf.Variable[] {
    return [this.encoder, ...this.layers, this.emitter].flatMap((part) => part.variables);
  }

  dispose(): void {
    tf.dispose(this.variables);
  }
}
