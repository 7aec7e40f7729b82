import { join } from 'node:path';
import { BedError, Rng, writeFileAtomic, type PluginHost } from '@infobed/core';
import { renderChart } from '@infobed/plot';
import { credibleIntervals, type ParameterSummary } from './credibleIntervals.js';
import { criticPosterior } from './criticPosterior.js';
import { loadRunCritic } from './loadRunCritic.js';

/** `infobed infer` result: the posterior of θ given the outcome observed at the run's design. */
export interface InferResult {
  readonly run: string;
  readonly simulator: string;
  readonly critic: string;
  /** The objective the critic was trained with, and whether its scores are a density ratio. */
  readonly objective: { readonly id: string; readonly reports: string };
  readonly design: number[];
  readonly observed: number[];
  readonly parameters: ParameterSummary[];
  readonly cov: number[][];
  /** Effective sample size of the importance weights, out of `priorSamples`. */
  readonly ess: number;
  readonly priorSamples: number;
  readonly seed: number;
  readonly files: string[];
}

export interface InferOptions {
  readonly host: PluginHost;
  readonly runDir: string;
  readonly observed: readonly number[];
  readonly outDir: string;
  /** Prior draws M (default 20,000). */
  readonly priorSamples?: number;
  readonly level?: number;
  readonly seed?: number;
  readonly plots?: boolean;
}

/**
 * Rebuilds a design run's trained critic (`model/critic.ibck`) and returns the posterior of θ for an
 * outcome observed at the run's design: prior draws weighted by exp T(θ, y*) (`criticPosterior`),
 * means, equal-tailed credible intervals, ESS, resampled draws. Writes `posterior.json`,
 * `posterior-samples.csv` and the plot `posterior` (`.vl.json/.svg/.png`) into `outDir`.
 * Valid when the critic's score is log p(y|θ)/p(y) up to a function of y (density-ratio objectives:
 * InfoNCE-anchor, JS, DRF; NWJ); a warning is logged otherwise.
 */
export async function inferFromRun(o: InferOptions, log: (line: string) => void = () => undefined): Promise<InferResult> {
  const { critic, sim, state: st, dispose } = loadRunCritic(o.host, o.runDir);
  try {
    if (o.observed.length !== sim.obsDim || !o.observed.every(Number.isFinite)) {
      throw new BedError('invalidArgument', `--observed: expected ${sim.obsDim} finite numbers (one per measurement of the design), got [${o.observed.join(', ')}]`);
    }
    if (st.objective.reports !== 'plug-in' && st.objective.id !== 'nwj') {
      log(`warning: the critic was trained with ${st.objective.id}, whose scores are a density ratio only up to a function of θ; the posterior may be distorted (train with infonce-anchor, js or drf for infer)`);
    }
    const seed = o.seed ?? 0;
    const m = o.priorSamples ?? 20_000;
    const post = criticPosterior(critic, sim, o.observed, st.design, { priorSamples: m, resample: Math.min(m, 5000) }, new Rng(seed));
    if (post.ess < 100) log(`warning: ESS ${post.ess.toFixed(0)} of ${m} prior draws: the posterior rests on few draws (an outcome in the prior's tail); rerun with a larger --samples`);
    const names = [...sim.thetaNames];
    const parameters = credibleIntervals(post.priorSamples, post.logWeights, names, post.mean, post.cov, o.level ?? 0.95);
    const files = ['posterior.json', 'posterior-samples.csv'];
    writeFileAtomic(join(o.outDir, 'posterior-samples.csv'), `${[names.join(','), ...post.samples.map((r) => r.join(','))].join('\n')}\n`);
    if (o.plots !== false) {
      const values = post.samples.flatMap((r) => r.map((v, a) => ({ parameter: names[a], value: v })));
      const spec = {
        $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
        title: `Posterior from the ${st.critic.id} critic (${st.simulator.id}, ESS ${post.ess.toFixed(0)} of ${m})`,
        data: { values },
        facet: { column: { field: 'parameter', type: 'nominal', title: null } },
        spec: { width: 220, height: 160, mark: 'bar', encoding: { x: { field: 'value', type: 'quantitative', bin: { maxbins: 40 }, title: 'θ' }, y: { aggregate: 'count', type: 'quantitative', title: 'resampled draws' } } },
        resolve: { scale: { x: 'independent' } },
      };
      const c = await renderChart(spec, join(o.outDir, 'posterior'));
      files.push(...[c.spec, c.svg, c.png].map((f) => f.slice(o.outDir.length + 1)));
    }
    const result: InferResult = {
      run: o.runDir,
      simulator: st.simulator.id,
      critic: st.critic.id,
      objective: { id: st.objective.id, reports: st.objective.reports },
      design: st.design,
      observed: [...o.observed],
      parameters,
      cov: post.cov,
      ess: post.ess,
      priorSamples: m,
      seed,
      files,
    };
    writeFileAtomic(join(o.outDir, 'posterior.json'), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    dispose();
  }
}
