/** The pace of a run in progress against its estimates (the ETA's correction under load). */
import { DEFAULT_DURATION_MS, median } from './durations';

/** A finished package of the run in progress: what it was estimated to take and what it took. */
export interface DurationSample {
  readonly estimateMs: number;
  readonly actualMs: number;
}

/** Bounds of `paceFactor`: a handful of odd builds must not swing the ETA wildly. */
export const PACE_FACTOR_MIN = 0.67;
export const PACE_FACTOR_MAX = 1.5;

/**
 * Finished packages at which the measured pace and the estimates weigh the same: with few samples
 * one build's noise (±20 % per package is common) would move the whole ETA.
 */
export const PACE_PRIOR_SAMPLES = 5;

/**
 * How much slower (> 1) or faster (< 1) this run builds than its estimates say. History medians
 * come from other runs, on a machine that may have been less (or more) loaded; the measured ratio
 * (total actual over total estimated time of the packages finished so far, so long builds count
 * most) is trusted in proportion to the evidence — n finished packages weigh n / (n +
 * PACE_PRIOR_SAMPLES) against "the estimates are right" (1) — and clamped to
 * [PACE_FACTOR_MIN, PACE_FACTOR_MAX]. 1 without samples.
 */
export function paceFactor(samples: readonly DurationSample[]): number {
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
  if (count === 0) return 1;
  const weight = count / (count + PACE_PRIOR_SAMPLES);
  const factor = 1 + (actual / estimated - 1) * weight;
  return Math.min(PACE_FACTOR_MAX, Math.max(PACE_FACTOR_MIN, factor));
}

/**
 * Estimates where no earlier run measured a package (the DEFAULT_DURATION_MS placeholder) filled
 * from this run: the median time of the builds it finished so far. A first run thus gets an ETA
 * as soon as one package is built, instead of only from its second run on. Undefined while some
 * package is unknown and nothing has finished yet (no evidence to estimate from).
 */
export function fillUnknownEstimates(
  estimates: Readonly<Record<string, number>>,
  names: Iterable<string>,
  finishedMs: readonly number[],
): Record<string, number> | undefined {
  const filled: Record<string, number> = { ...estimates };
  const unknown: string[] = [];
  for (const name of names) if (!((filled[name] ?? 0) > DEFAULT_DURATION_MS)) unknown.push(name);
  if (unknown.length === 0) return filled;
  const typical = median(finishedMs);
  if (typical === undefined) return undefined;
  for (const name of unknown) filled[name] = Math.max(typical, DEFAULT_DURATION_MS);
  return filled;
}
