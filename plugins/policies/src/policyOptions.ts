import { parsePluginOptions } from '@infobed/core';
import * as z from 'zod';

const widths = z.array(z.number().int().positive());

/** DeepSets (DAD): encoder (ξ, y) → hidden → encoding, sum-pool, emitter encoding → hidden → ξ. */
export const DeepSetsOptionsSchema = z
  .object({
    /** Encoding dimension (DAD, iDAD location finding: 64). */
    encoding: z.number().int().positive().default(64),
    encoderHidden: widths.default([256]),
    emitterHidden: widths.default([256]),
    activation: z.enum(['relu', 'tanh', 'elu']).default('relu'),
  })
  .strict();

/** Recurrent policy: per-step MLP → `layers` GRU layers of `width` → emitter MLP (iDAD SIR uses an LSTM of width 32; FLO an RNN of 2 × 64). */
export const GruOptionsSchema = z
  .object({
    encoding: z.number().int().positive().default(32),
    encoderHidden: widths.default([64]),
    /** Stacked GRU layers (FLO's RNN: 2). */
    layers: z.number().int().min(1).max(4).default(1),
    width: z.number().int().positive().default(64),
    emitterHidden: widths.default([64]),
    activation: z.enum(['relu', 'tanh', 'elu']).default('relu'),
  })
  .strict();

/** iDAD's recurrent policy: per-step MLP → `layers` LSTM layers of `width` → emitter MLP (iDAD SIR: encoding 32, 2 × 32). */
export const LstmOptionsSchema = z
  .object({
    encoding: z.number().int().positive().default(32),
    encoderHidden: widths.default([64]),
    layers: z.number().int().min(1).max(4).default(2),
    width: z.number().int().positive().default(32),
    emitterHidden: widths.default([64]),
    activation: z.enum(['relu', 'tanh', 'elu']).default('relu'),
  })
  .strict();

/** Random designs: raw ξ ~ N(0, scale²) per coordinate, then the design space transform (iDAD's samplers). */
export const RandomOptionsSchema = z.object({ scale: z.number().positive().default(1) }).strict();

/** Equal-interval designs (1-D designs only): T points from `from` to `to` (design units); default the T sub-interval midpoints. */
export const EqualIntervalOptionsSchema = z.object({ from: z.number().optional(), to: z.number().optional() }).strict();

/** A fixed (non-adaptive) design of T measurements, trainable: today's static design with T coordinates. */
export const StaticOptionsSchema = z
  .object({
    /** Starting designs, T × d in design units; else raw ~ N(0, initScale²). */
    initial: z.array(z.array(z.number())).optional(),
    initScale: z.number().positive().default(1),
  })
  .strict();

export const parsePolicyOptions = <S extends z.ZodType>(schema: S, options: unknown, id: string): z.infer<S> =>
  parsePluginOptions(schema, options, 'policy', id);
