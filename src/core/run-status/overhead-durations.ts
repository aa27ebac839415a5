/** Durations for the schedule simulation built from each build's own time and one per-child overhead. */
export interface OverheadDurations {
  /** Build time + `overheadMs` per package (the observed time where no build time is known). */
  durations: Map<string, number>;
  /** Median over the packages known both ways of (observed − build time), never below 0 (ms). */
  overheadMs: number;
}

/**
 * What a package occupies a slot for, modelled as its build's own time (the build activity) plus
 * ONE per-child overhead for the whole run: the median of (parent-observed time − build time). The
 * parent-observed time of a single run carries each child's own overhead sample, heavy-tailed under
 * load (p95 several times the median); fed per package to the simulation, the outliers that land
 * on the critical path lengthen the prediction (benchmarks/prediction.bench.ts measures both).
 * Throws naming the package when a time is not a finite number ≥ 0.
 */
export function durationsWithChildOverhead(
  buildMs: ReadonlyMap<string, number>,
  observedMs: ReadonlyMap<string, number>,
): OverheadDurations {
  for (const [label, map] of [
    ['build time', buildMs],
    ['observed time', observedMs],
  ] as const) {
    for (const [name, value] of map) {
      if (!Number.isFinite(value) || value < 0)
        throw new Error(`The ${label} of package "${name}" must be a finite number of ms ≥ 0, got ${value}`);
    }
  }
  const differences: number[] = [];
  for (const [name, build] of buildMs) {
    const observed = observedMs.get(name);
    if (observed !== undefined) differences.push(observed - build);
  }
  const overheadMs = Math.max(0, middle(differences));
  const durations = new Map<string, number>(observedMs);
  for (const [name, build] of buildMs) durations.set(name, build + overheadMs);
  return { durations, overheadMs };
}

/** Median of every value, negatives included (a child observed faster than its build is noise both ways); 0 when empty. */
function middle(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
