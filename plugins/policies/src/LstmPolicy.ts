import * as tf from '@tensorflow/tfjs';
import type { Policy, PolicySpec, PolicyState } from '@infobed/core';
import { Dense, Mlp } from '@infobed/nn';
import { LstmOptionsSchema, parsePolicyOptions } from './policyOptions.js';
import { recurrentParts } from './recurrentParts.js';

/** One LSTM layer: x `[n, in]`, (h, c) `[n, w]` → (h', c'). Gates i, f, g, o from x W + h U + b. */
class LstmLayer {
  private readonly x: Dense;
  private readonly h: Dense;

  constructor(inDim: number, readonly width: number, seed: number, name: string) {
    this.x = new Dense(inDim, 4 * width, 'linear', seed, `${name}/x`);
    this.h = new Dense(width, 4 * width, 'linear', seed + 1, `${name}/h`);
  }

  step(x: tf.Tensor2D, h: tf.Tensor2D, c: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D] {
    const w = this.width;
    const g = tf.add(this.x.apply(x), this.h.apply(h));
    const gate = (k: number) => tf.slice(g, [0, k * w], [-1, w]);
    const c2 = tf.add(tf.mul(tf.sigmoid(gate(1)), c), tf.mul(tf.sigmoid(gate(0)), tf.tanh(gate(2)))) as tf.Tensor2D;
    return [tf.mul(tf.sigmoid(gate(3)), tf.tanh(c2)) as tf.Tensor2D, c2];
  }

  get variables(): tf.Variable[] {
    return [...this.x.variables, ...this.h.variables];
  }
}

/**
 * iDAD's recurrent policy (SIR: per-step MLP → 32, a 2-layer LSTM of width 32):
 * x_t = MLP(ξ_t, y_t), (h, c)_t = LSTM layers(x_t, (h, c)_{t−1}), ξ_{t+1} = emitter(h_t of the top
 * layer); zero initial state. State `{ h0, c0, h1, c1, … }`, each `[n, width]`.
 */
export class LstmPolicy implements Policy {
  static readonly id = 'lstm';
  readonly id = LstmPolicy.id;
  private readonly encoder: Mlp;
  private readonly layers: LstmLayer[];
  private readonly emitter: Mlp;

  constructor(spec: PolicySpec) {
    const o = parsePolicyOptions(LstmOptionsSchema, spec.options, this.id);
    ({ encoder: this.encoder, layers: this.layers, emitter: this.emitter } = recurrentParts(spec, o, (inDim, k) => new LstmLayer(inDim, o.width, spec.seed + 50 + 2 * k, `lstm${k}`)));
  }

  initial(n: number): PolicyState {
    const s: Record<string, tf.Tensor> = {};
    this.layers.forEach((l, k) => {
      s[`h${k}`] = tf.zeros([n, l.width]);
      s[`c${k}`] = tf.zeros([n, l.width]);
    });
    return s;
  }

  propose(state: PolicyState, _t: number): tf.Tensor2D {
    return this.emitter.apply(state[`h${this.layers.length - 1}`] as tf.Tensor2D);
  }

  observe(state: PolicyState, raw: tf.Tensor2D, y: tf.Tensor2D, _t: number): PolicyState {
    const next: Record<string, tf.Tensor> = {};
    let x = this.encoder.apply(tf.concat([raw, y], 1));
    this.layers.forEach((l, k) => {
      const [h, c] = l.step(x, state[`h${k}`] as tf.Tensor2D, state[`c${k}`] as tf.Tensor2D);
      next[`h${k}`] = h;
      next[`c${k}`] = c;
      x = h;
    });
    return next;
  }

  get variables(): tf.Variable[] {
    return [...this.encoder.variables, ...this.layers.flatMap((l) => l.variables), ...this.emitter.variables];
  }

  dispose(): void {
    this.encoder.dispose();
    this.emitter.dispose();
    tf.dispose(this.layers.flatMap((l) => l.variables));
  }
}
