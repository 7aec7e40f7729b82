import type { InfobedPlugin } from '@infobed/core';
import critics from '@infobed/plugin-critics';
import infoNceAnchor from '@infobed/plugin-estimator-infonce-anchor';
import noisyLinear from '@infobed/simulator-noisy-linear';

/** The plugins every `infobed` run registers before third-party ones (one import + one entry each). */
export const FIRST_PARTY_PLUGINS: readonly InfobedPlugin[] = [critics, infoNceAnchor, noisyLinear];
