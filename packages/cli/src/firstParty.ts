import type { InfobedPlugin } from '@infobed/core';
import critics from '@infobed/plugin-critics';
import bounds from '@infobed/plugin-estimator-bounds';
import flo from '@infobed/plugin-estimator-flo';
import infoNceAnchor from '@infobed/plugin-estimator-infonce-anchor';
import ratio from '@infobed/plugin-estimator-ratio';
import policies from '@infobed/plugin-policies';
import locationFinding from '@infobed/simulator-location-finding';
import tasks from '@infobed/plugin-tasks';
import noisyLinear from '@infobed/simulator-noisy-linear';
import pharmacokinetic from '@infobed/simulator-pharmacokinetic';
import sir from '@infobed/simulator-sir';

/** The plugins every `infobed` run registers before third-party ones (one import + one entry each). */
export const FIRST_PARTY_PLUGINS: readonly InfobedPlugin[] = [critics, bounds, flo, infoNceAnchor, ratio, tasks, policies, locationFinding, noisyLinear, pharmacokinetic, sir];
