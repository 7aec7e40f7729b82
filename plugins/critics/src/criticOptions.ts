import { parsePluginOptions } from '@infobed/core';
import * as z from 'zod';

/** Options shared by the MLP critics (config `critic.options`). */
export const MlpCriticOptionsSchema = z
  .object({
    /** Hidden widths of each MLP. */
    hidden: z.array(z.number().int().positive()).default([64, 64]),
    /** Embedding size of the separable critic's two towers. */
    embed: z.number().int().positive().default(32),
    activation: z.enum(['relu', 'tanh', 'elu']).default('relu'),
    /** Hidden widths of the auxiliary head (when the objective needs one). */
    auxHidden: z.array(z.number().int().positive()).default([64]),
  })
  .strict();

export type MlpCriticOptions = z.infer<typeof MlpCriticOptionsSchema>;

/** Parses critic options, throwing `invalidConfig` naming `critic.options.<field>`. */
export function parseCriticOptions(id: string, options: unknown): MlpCriticOptions {
  return parsePluginOptions(MlpCriticOptionsSchema, options, 'critic', id);
}
