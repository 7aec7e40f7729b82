import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BedError, parseWithSchema, readYaml, type Policy, type PluginHost, type SequentialSimulator } from '@infobed/core';
import { AdaptiveConfigSchema, type AdaptiveConfig } from './AdaptiveConfigSchema.js';
import { buildPolicy, buildSequential } from './buildAdaptive.js';
import { loadWeights, readPolicyFile, type PolicyFile } from './policyFile.js';

/** A trained run folder, loaded: its config, experiment and saved policies. */
export interface LoadedRun {
  readonly config: AdaptiveConfig;
  readonly seq: SequentialSimulator;
  readonly policy: Policy;
  readonly file: PolicyFile;
  /** Saved baselines (`policy/baselines/*.json`), in training order. */
  readonly baselines: { readonly name: string; readonly policy: Policy }[];
  dispose(): void;
}

/** Rebuilds a saved policy file's network for `seq` and loads its weights. */
export function policyFromFile(host: PluginHost, file: string, seq: SequentialSimulator, what = 'policy'): { policy: Policy; doc: PolicyFile } {
  const doc = readPolicyFile(file, what);
  if (doc.T !== seq.T || doc.designDim !== seq.step.designDim || doc.obsDim !== seq.step.obsDim) {
    throw new BedError('invalidArgument', `${file}: saved for T = ${doc.T}, d = ${doc.designDim}, q = ${doc.obsDim}; the run's experiment has T = ${seq.T}, d = ${seq.step.designDim}, q = ${seq.step.obsDim}`);
  }
  const policy = buildPolicy(host, { id: doc.id, options: doc.options }, seq, doc.seed, file);
  try {
    loadWeights(policy.variables, doc.weights, file);
  } catch (e) {
    policy.dispose();
    throw e;
  }
  return { policy, doc };
}

/**
 * Loads `<run>/config.resolved.yaml` and `<run>/policy/policy.json` (plus baselines when asked).
 * A folder without them is a usage error (exit 2) naming what is missing.
 */
export function loadRun(host: PluginHost, runDir: string, withBaselines = false): LoadedRun {
  const cfgFile = join(runDir, 'config.resolved.yaml');
  if (!existsSync(runDir)) throw new BedError('invalidArgument', `--run: ${runDir}: no such folder`);
  if (!existsSync(cfgFile)) throw new BedError('invalidArgument', `--run: ${runDir}: not a policy run (no config.resolved.yaml); train one with \`infobed policy train\``);
  const config = parseWithSchema(AdaptiveConfigSchema, readYaml(cfgFile), cfgFile);
  const seq = buildSequential(host, config.simulator, cfgFile);
  const made: Policy[] = [];
  try {
    const { policy, doc } = policyFromFile(host, join(runDir, 'policy', 'policy.json'), seq);
    made.push(policy);
    const baselines: LoadedRun['baselines'] = [];
    const dir = join(runDir, 'policy', 'baselines');
    if (withBaselines && existsSync(dir)) {
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort((a, b) => parseInt(a, 10) - parseInt(b, 10))) {
        const b = policyFromFile(host, join(dir, f), seq, 'baseline');
        made.push(b.policy);
        baselines.push({ name: config.baselines[parseInt(f, 10)]?.name ?? b.doc.id, policy: b.policy });
      }
    }
    return { config, seq, policy, file: doc, baselines, dispose: () => { for (const p of made) p.dispose(); seq.dispose?.(); } };
  } catch (e) {
    for (const p of made) p.dispose();
    seq.dispose?.();
    throw e;
  }
}
