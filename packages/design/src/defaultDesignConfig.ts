/**
 * The built-in config `infobed design` uses without `--config`: the noisy linear model with
 * InfoNCE-anchor and a separable critic. `configs/noisy-linear.yaml` holds the same run (a test
 * keeps the two equal).
 */
export const DEFAULT_DESIGN_CONFIG: Record<string, unknown> = {
  simulator: { id: 'noisy-linear', options: { designs: 10, lower: -2, upper: 2 } },
  objective: { id: 'infonce-anchor', options: { nu: 32, construction: 'paper' } },
  critic: { id: 'separable', options: { hidden: [64, 64], embed: 32 } },
  design: { steps: 3000, finalCriticSteps: 1000, batch: 256, lrCritic: 0.001, lrDesign: 0.02, recordEvery: 10, evalBatches: 20 },
  seed: 0,
};
