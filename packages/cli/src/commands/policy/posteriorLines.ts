import type { PosteriorCheckSummary } from '@infobed/adaptive';

/** Console lines of the posterior check (`evaluate.posteriorCritic`): the critic's held-out bound, calibration, rollout 1's posterior against its true θ and ABC. */
export function posteriorLines(s: PosteriorCheckSummary): string[] {
  const c = s.critic;
  const out = ['heldOutInfonce' in c ? `posterior critic (${c.objective}, contrast θ, ${c.steps} steps on ${c.rollouts} rollouts): held-out InfoNCE over θ ${c.heldOutInfonce.mean.toFixed(3)} ± ${c.heldOutInfonce.stderr.toFixed(3)} (K = ${c.negatives}) → ${c.file}` : `posterior critic: ${c.file}`];
  const cal = s.calibration;
  if (cal) {
    out.push(`  calibration over ${cal.rollouts} held-out rollouts (coverage of the central ${cal.levels.map((l) => `${Math.round(l * 100)} %`).join(' / ')} intervals; χ² of the ${cal.bins}-bin rank histogram, ${cal.bins - 1} d.o.f.; median ESS ${cal.ess.median.toFixed(0)}):`);
    for (const p of cal.parameters) {
      const verdict = p.calibrated ? `≤ ${cal.chi2Limit.toFixed(1)}: flat` : `> ${cal.chi2Limit.toFixed(1)}, the 95 % point: MISCALIBRATED, do not trust its intervals`;
      out.push(`    ${p.name.padEnd(8)} ${p.coverage.map((v) => v.toFixed(3)).join(' / ')}   χ² ${p.chi2.toFixed(1)} (${verdict})   ranks [${p.pitHistogram.join(' ')}]`);
    }
  }
  const r = s.rollout;
  if (r) {
    out.push(`  rollout 1 (true θ ${r.trueTheta.map((v) => v.toPrecision(3)).join(', ')}; ESS ${r.ess.toFixed(0)} of ${r.priorSamples}), 95 % intervals:`);
    r.critic.forEach((p, a) => {
      const abc = r.abc?.parameters[a];
      out.push(`    ${p.name.padEnd(8)} critic ${p.mean.toPrecision(3)} [${p.lower.toPrecision(3)}, ${p.upper.toPrecision(3)}]${abc ? `   ABC ${abc.mean.toPrecision(3)} [${abc.lower.toPrecision(3)}, ${abc.upper.toPrecision(3)}]` : ''}   true ${r.trueTheta[a]!.toPrecision(3)}`);
    });
  }
  return out;
}
