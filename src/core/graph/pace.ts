/** The pace of a run in progress against its estimates (the ETA's correction under load). */

/** A finished package of the run in progress: what it was estimated to take and what it took. */
export interface DurationSample {
  readonly estimateMs: number;
  readonly actualMs: number;
}

/** Bounds of `paceFactor`: a handful of odd builds must not swing the ETA wildly. */
export const PACE_FACTOR_MIN = 0.5;
export const PACE_FACTOR_MAX = 3;

/**
 * How much slower (> 1) or faster (< 1) this run builds than its estimates say: total actual time
 * over total estimated time of the packages it finished (weighted by size, so long builds count
 * most), clamped to [PACE_FACTOR_MIN, PACE_FACTOR_MAX]; 1 before `minSamples` have finished. History
 * medians come from other runs on a machine that may have been less (or more) loaded: scaling the
 * remaining estimates by this run's pace keeps the ETA honest under load.
 */
export function paceFactor(samples: readonly DurationSample[], minSamples = 2): number {
  let estimated = 0;
  let actual = 0;
  let count = 0;
  for (const { estimateMs, actualMs } of samples) {
    if (!(estimateMs > 0) || !(actualMs >= 0) || !Number.isFinite(estimateMs) || !Number.isFinite(actualMs))
      continue;
    estimated += estimateMs;
    actual += actualMs;
    count++;
  }
  if (count < minSamples || estimated === 0) return 1;
  return Math.min(PACE_FACTOR_MAX, Math.max(PACE_FACTOR_MIN, actual / estimated));
}
