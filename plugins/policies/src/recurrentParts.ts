import type { PolicySpec } from '@infobed/core';
import { Mlp } from '@infobed/nn';

/** Sizes shared by the recurrent policies (`gru`, `lstm`). */
export interface RecurrentSizes {
  readonly encoding: number;
  readonly encoderHidden: number[];
  readonly layers: number;
  readonly width: number;
  readonly emitterHidden: number[];
  readonly activation: 'relu' | 'tanh' | 'elu';
}

/**
 * The three parts of a recurrent policy: per-step encoder MLP (ξ, y) → encoding, `layers` stacked
 * cells (`cell(inDim, k)`: layer k reads the encoding when k = 0, else layer k − 1's state of
 * `width`), and the emitter MLP width → ξ. Seeds: encoder spec.seed, emitter spec.seed + 100.
 */
export function recurrentParts<L>(spec: PolicySpec, o: RecurrentSizes, cell: (inDim: number, k: number) => L): { encoder: Mlp; layers: L[]; emitter: Mlp } {
  return {
    encoder: new Mlp({ inDim: spec.designDim + spec.obsDim, hidden: o.encoderHidden, outDim: o.encoding, activation: o.activation, seed: spec.seed, name: 'enc' }),
    layers: Array.from({ length: o.layers }, (_, k) => cell(k === 0 ? o.encoding : o.width, k)),
    emitter: new Mlp({ inDim: o.width, hidden: o.emitterHidden, outDim: spec.designDim, activation: o.activation, seed: spec.seed + 100, name: 'emit' }),
  };
}
