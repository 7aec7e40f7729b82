/**
 * iDAD's equal-interval baseline: `linspace(5/60, 23.9, T)` hours
 * (`idad : baselines_pharmaco_nontrainable.py`; specs/simulators.md §2).
 */
export function pkBaselineTimes(T: number): number[] {
  const lo = 5 / 60;
  const hi = 23.9;
  if (T === 1) return [lo];
  return Array.from({ length: T }, (_, i) => lo + ((hi - lo) * i) / (T - 1));
}
