import { PluginHost, sequentialFromStatic, type SequentialSimulator } from '@infobed/core';
import critics from '@infobed/plugin-critics';
import bounds from '@infobed/plugin-estimator-bounds';
import policies from '@infobed/plugin-policies';
import locationFinding from '@infobed/simulator-location-finding';
import pharmacokinetic from '@infobed/simulator-pharmacokinetic';

/** Test helper (not exported): a host with the plugins the adaptive tests use. */
export function testHost(): PluginHost {
  const host = new PluginHost();
  for (const p of [critics, bounds, policies, locationFinding, pharmacokinetic]) host.use(p);
  return host;
}

export function testSequential(host: PluginHost, id: string, options: Record<string, unknown>): SequentialSimulator {
  return sequentialFromStatic(host.simulator(id).create(options));
}
