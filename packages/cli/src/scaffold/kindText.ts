/** `infobed plugins new <kind>`: the kinds a scaffold can make. */
export type PluginKindArg = 'estimator' | 'simulator' | 'critic';

/** What differs between the kinds in the generated package (filled into templates/). */
export interface KindText {
  /** Key under `provides`. */
  readonly provides: 'estimators' | 'simulators' | 'critics';
  /** Token the factory is bound under. */
  readonly token: 'ObjectiveFactory' | 'SimulatorFactory' | 'CriticFactory';
  readonly classSuffix: string;
  readonly summary: string;
  readonly testSummary: string;
  readonly classDoc: string;
  readonly specDoc: string;
  description(id: string): string;
  /** Commands that run the plugin from the clone; `dir` is the package folder. */
  usage(id: string, dir: string): string;
  /** YAML lines for simulator/objective/critic in the example config. */
  config(id: string): string;
}

const cli = 'npx -y pnpm@10.34.9 infobed';

export const KIND_TEXT: Readonly<Record<PluginKindArg, KindText>> = {
  estimator: {
    provides: 'estimators',
    token: 'ObjectiveFactory',
    classSuffix: 'Objective',
    summary: 'It starts as InfoNCE on tempered scores, `I ≥ mean_i [S_ii/τ − logsumexp_j S_ij/τ] + log B`, with one option `tau`.',
    testSummary: 'checks the bound against the true MI of correlated Gaussians (optimal critic), a float64 reference and the option errors',
    classDoc: 'the option schema (zod, via `parsePluginOptions`) and the `MiObjective`: `evaluate({ scores [B, B], aux? })` → `{ loss, mi, bound? }` scalars.',
    specDoc: 'ground truth: with the exact log density ratio as critic the bound sits just below −½ log(1 − ρ²); value vs a float64 loop; option and shape errors.',
    description: (id) => `InfoBED estimator plugin: objective ${id} (InfoNCE on scores / tau)`,
    usage: (id, dir) => `${cli} estimate --plugin ${dir} --objective ${id} --dim 1 --mi 1 --steps 300\n${cli} design --config ${dir}/example.yaml`,
    config: (id) => `simulator: { id: noisy-linear, options: { designs: 2 } }\nobjective: { id: ${id}, options: { tau: 1 } }\ncritic: { id: separable }`,
  },
  simulator: {
    provides: 'simulators',
    token: 'SimulatorFactory',
    classSuffix: 'Simulator',
    summary: 'It starts as a one-parameter linear-Gaussian model, `θ ~ N(0, priorSd²)`, `y_k = d_k θ + ε_k`, designs in [−1, 1]^D, with an explicit likelihood and a closed-form EIG.',
    testSummary: 'checks the closed-form EIG against nested Monte Carlo through `simulate` and `logLikelihood`, the design gradient and the option errors',
    classDoc: 'the option schema and the `Simulator`: prior, noise, a differentiable `simulate`, `logLikelihood`, `analyticEig`, its `DesignSpace`.',
    specDoc: 'ground truth: nested Monte Carlo EIG through the simulator vs its closed form at two designs; pathwise design gradient; option and shape errors.',
    description: (id) => `InfoBED simulator plugin: ${id} (linear-Gaussian, closed-form EIG)`,
    usage: (id, dir) => `${cli} design --config ${dir}/example.yaml\n${cli} evaluate --config ${dir}/example.yaml --design '[1, -1]'`,
    config: (id) => `simulator: { id: ${id}, options: { designs: 2, noiseSd: 0.5 } }\nobjective: { id: infonce }\ncritic: { id: separable }`,
  },
  critic: {
    provides: 'critics',
    token: 'CriticFactory',
    classSuffix: 'Critic',
    summary: 'It starts as a separable critic `T(x, y) = f(x)ᵀ g(y)` with one-hidden-layer MLP towers, options `hidden` and `embed`.',
    testSummary: 'trains the critic with InfoNCE and checks it reaches the true MI of correlated Gaussians, its shapes, leaks and option errors',
    classDoc: 'the option schema and the `Critic`: `scores(x [B, xDim], y [B, yDim])` → `[B, B]`, `pairScores` → `[n]`, `variables`, `dispose`.',
    specDoc: 'ground truth: 400 Adam steps of InfoNCE on correlated Gaussians, then the bound on fresh batches vs −½ log(1 − ρ²); shapes, leaks, option errors.',
    description: (id) => `InfoBED critic plugin: ${id} (separable MLP critic)`,
    usage: (id, dir) => `${cli} estimate --plugin ${dir} --objective infonce --critic ${id} --dim 1 --mi 1 --steps 300\n${cli} design --config ${dir}/example.yaml`,
    config: (id) => `simulator: { id: noisy-linear, options: { designs: 2 } }\nobjective: { id: infonce }\ncritic: { id: ${id}, options: { hidden: 32, embed: 8 } }`,
  },
};
