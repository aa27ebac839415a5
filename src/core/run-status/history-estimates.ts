import { median as medianOf } from '../graph/durations';
import { durationsWithChildOverhead } from './overhead-durations';

/** Median of a non-empty list of durations (each ≥ 0, as the store keeps them). */
const median = (values: number[]): number => medianOf(values)!;

/** One recorded build of a package: the parent-observed duration and the build's own time (null if unknown). */
export interface RecordedBuild {
  observedMs: number;
  buildMs: number | null;
}

/** The per-package durations the next run and its what-if are fed, and which input they came from. */
export interface HistoryEstimates {
  durations: Map<string, number>;
  /**
   * `build-time+overhead`: build times plus one median per-child overhead (durationsWithChildOverhead);
   * `observed`: the medians of the parent-observed durations (no build time recorded).
   */
  source: 'build-time+overhead' | 'observed';
  /** The per-child overhead added (ms); 0 for `observed`. */
  overheadMs: number;
}

/**
 * Durations for the schedule simulation from build history (newest first per package). Each
 * observed duration carries that child's own overhead sample, heavy-tailed under load; where the
 * history knows build times, the prediction is fed build time + ONE median overhead instead
 * (measured in docs/architecture/performance.md, "Predictions"). Per package, the build time is
 * the median of its builds that recorded one and its observed time the median of the SAME builds,
 * so the overhead compares like with like; packages without any build time keep their observed
 * median. Rounded to whole ms.
 */
export function estimatesFromHistory(
  history: ReadonlyMap<string, readonly RecordedBuild[]>,
): HistoryEstimates {
  const observed = new Map<string, number>();
  const build = new Map<string, number>();
  for (const [name, samples] of history) {
    if (samples.length === 0) continue;
    const timed = samples.filter((s): s is { observedMs: number; buildMs: number } => s.buildMs !== null);
    if (timed.length > 0) {
      build.set(name, median(timed.map((s) => s.buildMs)));
      observed.set(name, median(timed.map((s) => s.observedMs)));
    } else observed.set(name, median(samples.map((s) => s.observedMs)));
  }
  if (build.size === 0) return { durations: rounded(observed), source: 'observed', overheadMs: 0 };
  const { durations, overheadMs } = durationsWithChildOverhead(build, observed);
  return { durations: rounded(durations), source: 'build-time+overhead', overheadMs };
}

function rounded(map: Map<string, number>): Map<string, number> {
  return new Map([...map].map(([k, v]) => [k, Math.round(v)]));
}
